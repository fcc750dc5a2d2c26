namespace Refunds.TestSupport;

/// <summary>
/// Under <see cref="ParallelTestFramework"/>: the class's tests run one after another, because they share one app
/// through a class fixture (its stand-ins' injected faults, its instance list, its organization's refunds), while the
/// class itself runs beside the other classes of its collection, each of which has its own app.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OneTestAtATimeAttribute : Attribute;
