namespace HtmCloud.Htm.Utils;

/// <summary>One invalid parameter: its camelCase name (as in the JSON pool graph) and why it is invalid.</summary>
public readonly record struct ParameterError(string Field, string Message);
