using System.Text.Json.Nodes;

namespace HtmCloud.Api.Tests.Models;

/// <summary>
/// Small, valid pool graphs as JSON (what a user would send), so tests run fast: the engine's defaults are
/// 2048 columns × 32 cells. Each call returns a fresh node the caller may mutate.
/// </summary>
public static class TestGraphs
{
    /// <summary>One pool "main" over <c>timestamp</c> + <c>value</c>: 128 columns × 4 cells, likelihood fitted after 40 records.</summary>
    public static JsonObject Small(bool requireIncreasingTimestamps = true) => Parse($$"""
        {
          "fields": [ { "name": "timestamp", "type": "dateTime" }, { "name": "value", "type": "number" } ],
          "pools": [ {{SmallPool("main", "value", seed: 1)}} ],
          "outputs": { "activeColumns": true, "activeCells": false, "winnerCells": false, "predictiveCells": false, "predictions": true },
          "timestampField": "timestamp",
          "requireIncreasingTimestamps": {{(requireIncreasingTimestamps ? "true" : "false")}}
        }
        """);

    /// <summary>
    /// Pools "a" and "b" in group "g" (each sees the other's previous winners), and "c" fed by a's active
    /// columns; every SDR output on; a predictor on "a". Fields <c>timestamp</c>, <c>cpu</c>, <c>memory</c>.
    /// </summary>
    public static JsonObject GroupAndHierarchy() => Parse($$"""
        {
          "fields": [
            { "name": "timestamp", "type": "dateTime" },
            { "name": "cpu", "type": "number" },
            { "name": "memory", "type": "number" }
          ],
          "pools": [
            {
              "name": "a", "group": "g",
              "encoders": [ { "name": "cpu", "rdse": { "size": 200, "activeBits": 11, "resolution": 1, "seed": 3 } },
                            { "name": "timestamp", "dateTime": { "timeOfDayWidth": 11, "timeOfDayRadius": 4 } } ],
              "spatialPooler": { "columnDimensions": [256], "numActiveColumnsPerInhArea": 10, "potentialPct": 0.5, "seed": 11 },
              "temporalMemory": { "cellsPerColumn": 8, "activationThreshold": 6, "minThreshold": 4, "maxNewSynapseCount": 10, "seed": 12 },
              "likelihood": { "learningPeriod": 40, "estimationSamples": 40, "reestimationPeriod": 25 },
              "predictor": { "steps": [1, 3] },
              "input": null
            },
            {
              "name": "b", "group": "g",
              "encoders": [ { "name": "memory", "rdse": { "size": 200, "activeBits": 11, "resolution": 0.5, "seed": 4 } },
                            { "name": "timestamp", "dateTime": { "timeOfDayWidth": 11, "timeOfDayRadius": 4 } } ],
              "spatialPooler": { "columnDimensions": [192], "numActiveColumnsPerInhArea": 8, "seed": 21 },
              "temporalMemory": { "cellsPerColumn": 6, "activationThreshold": 5, "minThreshold": 3, "maxNewSynapseCount": 8, "seed": 22 },
              "likelihood": { "learningPeriod": 30, "estimationSamples": 30, "reestimationPeriod": 20 }
            },
            {
              "name": "c", "input": { "pool": "a", "kind": "activeColumns" },
              "spatialPooler": { "columnDimensions": [128], "numActiveColumnsPerInhArea": 6, "potentialPct": 0.4, "seed": 31 },
              "temporalMemory": { "cellsPerColumn": 4, "activationThreshold": 4, "minThreshold": 3, "maxNewSynapseCount": 6, "seed": 32 },
              "likelihood": { "learningPeriod": 30, "estimationSamples": 30, "reestimationPeriod": 20 },
              "group": null
            }
          ],
          "outputs": { "activeColumns": true, "activeCells": true, "winnerCells": true, "predictiveCells": true, "predictions": true, "anomalyPool": "b" },
          "timestampField": "timestamp",
          "requireIncreasingTimestamps": true
        }
        """);

    /// <summary>A small valid pool reading <paramref name="field"/> and <c>timestamp</c>.</summary>
    public static string SmallPool(string name, string field, int seed) => $$"""
        {
          "name": "{{name}}",
          "encoders": [ { "name": "{{field}}", "rdse": { "size": 160, "activeBits": 9, "resolution": 1, "seed": {{seed}} } },
                        { "name": "timestamp", "dateTime": { "timeOfDayWidth": 9, "timeOfDayRadius": 4 } } ],
          "spatialPooler": { "columnDimensions": [128], "numActiveColumnsPerInhArea": 6, "potentialPct": 0.5, "seed": {{seed}} },
          "temporalMemory": { "cellsPerColumn": 4, "activationThreshold": 4, "minThreshold": 3, "maxNewSynapseCount": 6, "seed": {{seed}} },
          "likelihood": { "learningPeriod": 20, "estimationSamples": 20, "reestimationPeriod": 10 }
        }
        """;

    /// <summary><c>{"name": name, "graph": graph}</c>.</summary>
    public static JsonObject CreateRequest(JsonNode graph, string name = "test-model") =>
        new() { ["name"] = name, ["graph"] = graph };

    /// <summary><c>{"name": name, "template": template, "templateOptions": options}</c>.</summary>
    public static JsonObject TemplateRequest(string template, JsonObject? options = null, string name = "from-template")
    {
        var request = new JsonObject { ["name"] = name, ["template"] = template };
        if (options is not null) request["templateOptions"] = options;
        return request;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
