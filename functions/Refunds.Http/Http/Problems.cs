namespace Refunds.Http.Http;

/// <summary>RFC 9457 problem responses with a stable machine-readable <c>code</c> beside the prose.</summary>
public static class Problems
{
    public static IResult Status(int status, string title, string detail, string code, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?>(extra ?? new Dictionary<string, object?>()) { ["code"] = code };
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
    }

    public static IResult NotFound(string detail) => Status(StatusCodes.Status404NotFound, "Not found", detail, "not_found");

    public static IResult Forbidden(string detail) => Status(StatusCodes.Status403Forbidden, "Forbidden", detail, "forbidden");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is invalid", extensions: new Dictionary<string, object?> { ["code"] = "validation_failed" });

    /// <summary>A 400 naming the first route id outside the safe alphabet, or null when all are valid.</summary>
    public static IResult? InvalidIds(params (string Name, string Value)[] ids) =>
        ids.FirstOrDefault(id => !Refunds.Domain.Common.Ids.IsValid(id.Value)) is { Name: { } name } ? InvalidId(name) : null;

    public static IResult InvalidId(string name) =>
        Validation(new Dictionary<string, string[]> { [name] = [$"{name} must be 1-64 characters of letters, digits, '_' or '-'."] });
}
