using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Refunds.IntacctStandIn.Gateway;

/// <summary>The HTTP side: records the request, applies its fault, counts it in flight for its company, answers.</summary>
internal sealed class StandInGateway(StandInBackend backend, IntacctStandInOptions options)
{
    private const string XmlContentType = "text/xml; charset=utf-8";

    public async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(aborted);
        var document = TryParse(body);
        var function = document?.Root?.Element("operation")?.Element("content")?.Element("function")?.Elements().FirstOrDefault()?.Name.LocalName;
        backend.Record(new RecordedIntacctRequest(options.Clock.GetUtcNow(), context.Request.Path, body, function));

        var fault = backend.TakeFault(function);
        var company = backend.CompanyOf(document);
        backend.EnterFlight(company);
        (int Status, string Body) answer;
        try
        {
            answer = await AnswerAsync(document, fault, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client gave up while we were waiting: like Intacct, nothing ran.
            return;
        }
        finally
        {
            // Leave before writing, so the client can never see an answer while we still count the request.
            backend.LeaveFlight(company);
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.Status == StatusCodes.Status200OK || answer.Body.StartsWith("<?xml", StringComparison.Ordinal)
            ? XmlContentType
            : "text/plain";
        await context.Response.WriteAsync(answer.Body, aborted);
    }

    private async Task<(int Status, string Body)> AnswerAsync(XDocument? document, StandInFault? fault, CancellationToken aborted)
    {
        if (fault is StandInFault.HttpStatusFault http)
        {
            return (http.Status, http.Body);
        }

        await Task.Delay(options.ResponseDelay, TimeProvider.System, aborted);
        switch (fault)
        {
            case StandInFault.OriginTimeoutFault { ExecuteFirst: var executeFirst }:
                if (executeFirst)
                {
                    backend.Execute(document, null);
                }

                return (524, "error code: 524");
            case StandInFault.DelayFault { ExecuteFirst: true } delay:
                var executed = StandInXml.Serialize(backend.Execute(document, null));
                await Task.Delay(delay.Wait, TimeProvider.System, aborted);
                return (StatusCodes.Status200OK, executed);
            case StandInFault.DelayFault delay:
                await Task.Delay(delay.Wait, TimeProvider.System, aborted);
                return (StatusCodes.Status200OK, StandInXml.Serialize(backend.Execute(document, null)));
            default:
                return (StatusCodes.Status200OK, document is null
                    ? StandInXml.ControlFailure(StandInError.Malformed("The body is not well-formed XML."))
                    : StandInXml.Serialize(backend.Execute(document, fault)));
        }
    }

    private static XDocument? TryParse(string body)
    {
        try
        {
            return XDocument.Parse(body);
        }
        catch (XmlException)
        {
            // Answered as Intacct does, with an XL03000003 control failure.
            return null;
        }
    }
}
