using System.Text.Json;
using System.Text.Json.Serialization;

namespace HtmCloud.Contracts;

/// <summary>The JSON conventions of the API, shared with the SDK: camelCase names, enums as camelCase strings.</summary>
public static class HtmJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the conventions to existing options (e.g. ASP.NET Core's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}
