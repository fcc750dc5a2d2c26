using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Refunds.Functions.Tests.Support;

/// <summary>
/// The worker keeps an invocation's result in an internal feature (IFunctionBindingsFeature) that
/// <c>GetInvocationResult()</c> reads and writes. This proxy implements just that property, so the real middleware can
/// answer an invocation in a test as it does in the worker.
/// </summary>
public class InvocationResultFeature : DispatchProxy
{
    public static readonly Type InterfaceType = typeof(FunctionContextBindingFeatureExtensions).Assembly.GetType(
        "Microsoft.Azure.Functions.Worker.Context.Features.IFunctionBindingsFeature", throwOnError: true)!;

    private object? _result;

    public static object Create() => DispatchProxy.Create(InterfaceType, typeof(InvocationResultFeature));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        switch (targetMethod?.Name)
        {
            case "get_InvocationResult":
                return _result;
            case "set_InvocationResult":
                _result = args![0];
                return null;
            default:
                throw new NotSupportedException($"The test's bindings feature has no {targetMethod?.Name}.");
        }
    }
}
