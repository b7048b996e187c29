namespace HtmCloud.Htm.Encoders;

/// <summary>A day of the year without a year, e.g. a recurring holiday (12/25). February 29 is allowed.</summary>
/// <param name="Month">Month, 1..12.</param>
/// <param name="Day">Day of the month, 1..31 as the month allows.</param>
public readonly record struct MonthDay(int Month, int Day)
{
    /// <summary>Whether the month and day exist in a leap year.</summary>
    internal bool IsValid => Month is >= 1 and <= 12 && Day >= 1 && Day <= DateTime.DaysInMonth(2000, Month);
}
