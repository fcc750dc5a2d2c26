namespace Refunds.TestSupport;

/// <summary>The last lines a child process (Azurite, the app under chaos) printed, kept for failure messages.</summary>
public sealed class OutputTail(int maxLines)
{
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
            while (_lines.Count > maxLines)
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
