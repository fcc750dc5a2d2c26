namespace Refunds.Application.Tests.Support;

/// <summary>
/// The answers one port operation gives, in order: a value, or an exception to throw. A call the script did not
/// foresee fails the test instead of returning a default that could pass by accident.
/// </summary>
internal sealed class Scripted<T>(string operation)
{
    private readonly Queue<Func<T>> _answers = new();

    public int Calls { get; private set; }

    public void Returns(T value) => _answers.Enqueue(() => value);

    public void Throws(Exception exception) => _answers.Enqueue(() => throw exception);

    public T Next()
    {
        Calls++;
        return _answers.TryDequeue(out var answer)
            ? answer()
            : throw new ScriptException($"{operation} was called (call {Calls}) but the script has no answer for it.");
    }
}
