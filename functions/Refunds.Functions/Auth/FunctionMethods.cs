using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Refunds.Functions.Auth;

public static class FunctionMethods
{
    /// <summary>The method behind a function: its EntryPoint is "Namespace.Type.Method" in this assembly.</summary>
    public static MethodInfo? Resolve(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var entryPoint = definition.EntryPoint;
        var split = entryPoint.LastIndexOf('.');
        return split < 0
            ? null
            : typeof(FunctionMethods).Assembly.GetType(entryPoint[..split])?.GetMethod(
                entryPoint[(split + 1)..], BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance);
    }
}
