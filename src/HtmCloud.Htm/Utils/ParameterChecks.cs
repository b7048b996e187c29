namespace HtmCloud.Htm.Utils;

/// <summary>Collects parameter errors so a <c>Validate()</c> reports every problem at once.</summary>
public sealed class ParameterChecks
{
    private readonly List<ParameterError> _errors = [];

    public IReadOnlyList<ParameterError> Errors => _errors;

    public ParameterChecks Require(bool condition, string field, string message)
    {
        if (!condition) _errors.Add(new ParameterError(field, message));
        return this;
    }

    public ParameterChecks InRange(int value, int min, int max, string field) =>
        Require(value >= min && value <= max, field, $"must be {min}..{max}");

    public ParameterChecks InRange(double value, double min, double max, string field) =>
        Require(value >= min && value <= max && !double.IsNaN(value), field, $"must be {min}..{max}");

    public ParameterChecks Finite(double value, string field) =>
        Require(double.IsFinite(value), field, "must be a finite number");

    /// <summary>Adds errors of a nested record under a prefix, e.g. <c>spatialPooler.</c>.</summary>
    public ParameterChecks Nested(string prefix, IEnumerable<ParameterError> errors)
    {
        foreach (var e in errors) _errors.Add(e with { Field = $"{prefix}.{e.Field}" });
        return this;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing every error, if any.</summary>
    public static void ThrowIfAny(IReadOnlyList<ParameterError> errors, string what)
    {
        if (errors.Count == 0) return;
        throw new ArgumentException($"Invalid {what}: " + string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")));
    }
}
