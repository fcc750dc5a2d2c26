namespace Refunds.TestSupport;

/// <summary>The last lines Azurite printed, kept for the error message when it fails to start.</summary>
internal sealed class AzuriteOutput
{
    private const int MaxLines = 50;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _lines.Clear();
        }
    }
}
