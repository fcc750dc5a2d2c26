namespace Refunds.Domain.Common;

/// <summary>An expected business outcome that is not success; callers map it, nobody throws it.</summary>
public sealed record DomainError(string Code, string Message);
