using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Parameters of a <see cref="DateTimeEncoder"/>. Each sub-encoder is off while its width (active bits) is 0.
/// A radius is the distance at which two inputs stop sharing bits: the periodic block moves width bits per radius,
/// so that part has <c>ceil(period · width / radius)</c> bits.
/// </summary>
public sealed record DateTimeEncoderParameters
{
    /// <summary>Default: time of day only, 21 bits, radius 4 hours; day of week radius 1 day; season radius 91.5 days; holiday December 25.</summary>
    public static DateTimeEncoderParameters Default { get; } = new();

    /// <summary>Active bits of the time-of-day part (periodic over 24 h), 0 = off. Default 21.</summary>
    public int TimeOfDayWidth { get; init; } = 21;

    /// <summary>Time-of-day radius in hours. Default 4.</summary>
    public double TimeOfDayRadius { get; init; } = 4;

    /// <summary>Active bits of the day-of-week part (periodic over 7 days, Monday 00:00 = 0, fractional by time of day), 0 = off. Default 0.</summary>
    public int DayOfWeekWidth { get; init; }

    /// <summary>Day-of-week radius in days. Default 1.</summary>
    public double DayOfWeekRadius { get; init; } = 1;

    /// <summary>Active bits of each of the two weekend codes (Saturday or Sunday / other day), 0 = off. Default 0.</summary>
    public int WeekendWidth { get; init; }

    /// <summary>Active bits of the season part (periodic over the year, position in year scaled to 365.25 days), 0 = off. Default 0.</summary>
    public int SeasonWidth { get; init; }

    /// <summary>Season radius in days. Default 91.5 (a quarter year).</summary>
    public double SeasonRadius { get; init; } = 91.5;

    /// <summary>Active bits of each of the two holiday codes (holiday / not), 0 = off. Default 0.</summary>
    public int HolidayWidth { get; init; }

    /// <summary>Recurring holidays: the whole calendar day is "holiday" (on/off, no ramp). Default December 25.</summary>
    public IReadOnlyList<MonthDay> Holidays { get; init; } = [new MonthDay(12, 25)];

    /// <summary>Reports every invalid field, named as in the JSON pool graph; empty when valid.</summary>
    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        Periodic(c, TimeOfDayWidth, TimeOfDayRadius, DateTimeEncoder.HoursPerDay, "timeOfDay", "hours");
        Periodic(c, DayOfWeekWidth, DayOfWeekRadius, DateTimeEncoder.DaysPerWeek, "dayOfWeek", "days");
        Periodic(c, SeasonWidth, SeasonRadius, DateTimeEncoder.DaysPerYear, "season", "days");
        c.InRange(WeekendWidth, 0, EncoderChecks.MaxSize / 2, "weekendWidth");
        c.InRange(HolidayWidth, 0, EncoderChecks.MaxSize / 2, "holidayWidth");
        if (Holidays is null) c.Require(false, "holidays", "must be a list (possibly empty)");
        else
            for (int i = 0; i < Holidays.Count; i++)
                c.Require(Holidays[i].IsValid, $"holidays[{i}]", "must be a valid month (1..12) and day of that month");
        c.Require(TimeOfDayWidth > 0 || DayOfWeekWidth > 0 || WeekendWidth > 0 || SeasonWidth > 0 || HolidayWidth > 0,
            "timeOfDayWidth", "at least one of timeOfDayWidth, dayOfWeekWidth, weekendWidth, seasonWidth, holidayWidth must be positive");
        return c.Errors;
    }

    /// <summary>Bits of a periodic part, or 0 when it is off.</summary>
    internal static int PeriodicSize(int width, double radius, double period) =>
        width <= 0 ? 0 : Math.Max(width + 1, (int)Math.Ceiling(period * width / radius * (1 - 1e-12)));

    private static void Periodic(ParameterChecks c, int width, double radius, double period, string name, string unit)
    {
        c.Require(width >= 0, name + "Width", "must be 0 (off) or positive");
        bool radiusOk = double.IsFinite(radius) && radius > 0 && radius < period;
        c.Require(radiusOk, name + "Radius", $"must be positive and below the period ({period} {unit})");
        if (width > 0 && radiusOk)
            c.Require(period * width / radius <= EncoderChecks.MaxSize, name + "Width", $"gives more than {EncoderChecks.MaxSize} bits");
    }
}
