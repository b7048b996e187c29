using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace HtmCloud.Api.OpenApi;

/// <summary>Puts a working example body on the operations a first-time user calls, as the README shows them.</summary>
internal sealed class RequestExamplesFilter : IOperationFilter
{
    private static readonly Dictionary<string, string> Examples = new()
    {
        ["SignUp"] = """{"email":"ana@example.com"}""",
        ["CreateModel"] = """{"name":"cpu","template":"scalar-anomaly","templateOptions":{"minimum":0,"maximum":100}}""",
        ["PostRecords"] = """{"records":[{"timestamp":"2026-01-01T00:00:00Z","value":12.5},{"timestamp":"2026-01-01T00:05:00Z","value":13.1}]}""",
        ["RestoreModel"] = """{"checkpointId":"00000000-0000-0000-0000-000000000000","confirm":true}""",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is not { } id || !Examples.TryGetValue(id, out var example)) return;
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType json)
            json.Example = JsonNode.Parse(example);
    }
}
