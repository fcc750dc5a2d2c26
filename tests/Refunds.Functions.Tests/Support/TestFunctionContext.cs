using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Refunds.Functions.Tests.Support;

/// <summary>
/// A FunctionContext for one invocation of a [Function] method, with what the worker middleware reads: the
/// definition (its EntryPoint names the method), the HttpContext where the ASP.NET Core integration puts it, and an
/// invocation result the middleware can set.
/// </summary>
internal sealed class TestFunctionContext : FunctionContext
{
    /// <summary>The item key under which Worker.Extensions.Http.AspNetCore hands over the request.</summary>
    private const string HttpContextKey = "HttpRequestContext";

    private readonly TestFeatures _features = new();

    public TestFunctionContext(IServiceProvider services, MethodInfo function, HttpContext? http = null)
    {
        InstanceServices = services;
        FunctionDefinition = new TestFunctionDefinition(function);
        if (http is not null)
        {
            Items[HttpContextKey] = http;
        }

        _features.Set(InvocationResultFeature.InterfaceType, InvocationResultFeature.Create());
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => _features;

    private sealed class TestFeatures : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> _features = [];

        public void Set(Type type, object instance) => _features[type] = instance;

        public void Set<T>(T instance) => _features[typeof(T)] = instance!;

        public T? Get<T>() => _features.TryGetValue(typeof(T), out var feature) ? (T)feature : default;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => _features.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

internal sealed class TestFunctionDefinition(MethodInfo function) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters => [];

    public override string PathToAssembly => function.DeclaringType!.Assembly.Location;

    public override string EntryPoint { get; } = $"{function.DeclaringType!.FullName}.{function.Name}";

    public override string Id => EntryPoint;

    public override string Name { get; } = function.GetCustomAttribute<FunctionAttribute>()?.Name ?? function.Name;

    public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
}
