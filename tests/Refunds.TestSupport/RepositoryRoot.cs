namespace Refunds.TestSupport;

public static class RepositoryRoot
{
    public const string MarkerFile = "Refunds.Functions.sln";

    /// <summary>The nearest folder above the test binaries that holds <see cref="MarkerFile"/>.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, MarkerFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} contains {MarkerFile}.");
    }
}
