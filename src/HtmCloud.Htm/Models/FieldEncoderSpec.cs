using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Models;

/// <summary>
/// One record field and how it is encoded: exactly one of the encoder parameter properties is set.
/// E.g. <c>new FieldEncoderSpec { Name = "value", Rdse = RandomDistributedScalarEncoderParameters.Default with { Resolution = 0.5 } }</c>.
/// </summary>
public sealed record FieldEncoderSpec
{
    public string Name { get; init; } = "";
    public ScalarEncoderParameters? Scalar { get; init; }
    public RandomDistributedScalarEncoderParameters? Rdse { get; init; }
    public DateTimeEncoderParameters? DateTime { get; init; }
    public CategoryEncoderParameters? Category { get; init; }
    public TextEncoderParameters? Text { get; init; }

    /// <summary>Whether the field takes numbers (so it can feed the predictor and the likelihood's metric).</summary>
    internal bool IsNumeric => Scalar is not null || Rdse is not null;

    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.Require(!string.IsNullOrWhiteSpace(Name), "name", "must be a non-empty field name");
        int set = (Scalar is null ? 0 : 1) + (Rdse is null ? 0 : 1) + (DateTime is null ? 0 : 1) + (Category is null ? 0 : 1) + (Text is null ? 0 : 1);
        c.Require(set == 1, "encoder", "exactly one of scalar, rdse, dateTime, category, text must be given");
        if (Scalar is not null) c.Nested("scalar", Scalar.Validate());
        if (Rdse is not null) c.Nested("rdse", Rdse.Validate());
        if (DateTime is not null) c.Nested("dateTime", DateTime.Validate());
        if (Category is not null) c.Nested("category", Category.Validate());
        if (Text is not null) c.Nested("text", Text.Validate());
        return c.Errors;
    }

    /// <summary>Builds the field for a <see cref="MultiEncoder"/>.</summary>
    public MultiEncoderField Build() =>
        Scalar is not null ? MultiEncoderField.ForNumber(Name, new ScalarEncoder(Scalar))
        : Rdse is not null ? MultiEncoderField.ForNumber(Name, new RandomDistributedScalarEncoder(Rdse))
        : DateTime is not null ? MultiEncoderField.ForDateTime(Name, new DateTimeEncoder(DateTime))
        : Category is not null ? MultiEncoderField.ForText(Name, new CategoryEncoder(Category))
        : Text is not null ? MultiEncoderField.ForText(Name, new TextEncoder(Text))
        : throw new ArgumentException($"Field '{Name}' has no encoder.");
}
