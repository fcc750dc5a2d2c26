namespace Refunds.Http.OpsConsole;

/// <summary>One static file of the ops console: its bytes, media type and a strong ETag over the bytes.</summary>
public sealed record ConsoleAsset(string Path, ReadOnlyMemory<byte> Content, string ContentType, string ETag);
