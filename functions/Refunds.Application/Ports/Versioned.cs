namespace Refunds.Application.Ports;

/// <summary>A stored value and the ETag it was read with; writing it back requires the ETag to still match.</summary>
public sealed record Versioned<T>(T Value, string ETag);
