using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Encodes a <see cref="DateTime"/> as the concatenation, in this order, of the enabled parts: time of day (periodic,
/// 24 h), day of week (periodic, 7 days, Monday first, fractional), weekend (two codes), season (periodic over the year)
/// and holiday (two codes). The clock value is used as given; <see cref="DateTime.Kind"/> is ignored.
/// </summary>
public sealed class DateTimeEncoder : IEncoder<DateTime>
{
    internal const double HoursPerDay = 24;
    internal const double DaysPerWeek = 7;
    internal const double DaysPerYear = 365.25;

    private readonly ScalarEncoder? _timeOfDay, _dayOfWeek, _season;
    private readonly Sdr? _timeOfDayBits, _dayOfWeekBits, _seasonBits;
    private readonly int _timeOfDayOffset, _dayOfWeekOffset, _weekendOffset, _seasonOffset, _holidayOffset;
    private readonly int _weekendWidth, _holidayWidth;
    // Indexed month * 32 + day: an O(1), allocation-free holiday test.
    private readonly bool[] _isHoliday = new bool[13 * 32];
    private readonly int[] _active;

    /// <summary>Creates the encoder.</summary>
    /// <exception cref="ArgumentException">The parameters are invalid; the message lists every problem.</exception>
    public DateTimeEncoder(DateTimeEncoderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.ThrowIfAny(parameters.Validate(), "date-time encoder parameters");
        Parameters = parameters;
        var segments = new List<EncoderSegment>();
        int offset = 0;
        _timeOfDay = Periodic(parameters.TimeOfDayWidth, parameters.TimeOfDayRadius, HoursPerDay, "timeOfDay", segments, ref offset, out _timeOfDayOffset, out _timeOfDayBits);
        _dayOfWeek = Periodic(parameters.DayOfWeekWidth, parameters.DayOfWeekRadius, DaysPerWeek, "dayOfWeek", segments, ref offset, out _dayOfWeekOffset, out _dayOfWeekBits);
        _weekendWidth = parameters.WeekendWidth;
        _weekendOffset = TwoCodes(_weekendWidth, "weekend", segments, ref offset);
        _season = Periodic(parameters.SeasonWidth, parameters.SeasonRadius, DaysPerYear, "season", segments, ref offset, out _seasonOffset, out _seasonBits);
        _holidayWidth = parameters.HolidayWidth;
        _holidayOffset = TwoCodes(_holidayWidth, "holiday", segments, ref offset);
        foreach (var day in parameters.Holidays) _isHoliday[day.Month * 32 + day.Day] = true;
        Size = offset;
        Segments = segments;
        _active = new int[parameters.TimeOfDayWidth + parameters.DayOfWeekWidth + _weekendWidth + parameters.SeasonWidth + _holidayWidth];
    }

    /// <summary>The parameters this encoder was built from.</summary>
    public DateTimeEncoderParameters Parameters { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <summary>The enabled parts in output order, named timeOfDay, dayOfWeek, weekend, season, holiday.</summary>
    public IReadOnlyList<EncoderSegment> Segments { get; }

    /// <summary>Encodes <paramref name="value"/>.</summary>
    public void Encode(DateTime value, Sdr output)
    {
        EncoderChecks.RequireSize(output, Size);
        double hours = value.TimeOfDay.TotalHours;
        int n = 0;
        if (_timeOfDay is not null) n = Append(_timeOfDay, hours, _timeOfDayBits!, _timeOfDayOffset, n);
        if (_dayOfWeek is not null)
        {
            int mondayFirst = ((int)value.DayOfWeek + 6) % 7;
            n = Append(_dayOfWeek, mondayFirst + hours / HoursPerDay, _dayOfWeekBits!, _dayOfWeekOffset, n);
        }
        if (_weekendWidth > 0)
        {
            bool weekend = value.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            n = AppendBlock(_weekendOffset, weekend ? 1 : 0, _weekendWidth, n);
        }
        if (_season is not null)
        {
            int daysInYear = DateTime.IsLeapYear(value.Year) ? 366 : 365;
            double fraction = (value.DayOfYear - 1 + hours / HoursPerDay) / daysInYear;
            n = Append(_season, fraction * DaysPerYear, _seasonBits!, _seasonOffset, n);
        }
        if (_holidayWidth > 0)
            n = AppendBlock(_holidayOffset, _isHoliday[value.Month * 32 + value.Day] ? 1 : 0, _holidayWidth, n);
        output.SetSortedUnchecked(_active.AsSpan(0, n));
    }

    private int Append(ScalarEncoder encoder, double value, Sdr scratch, int offset, int n)
    {
        encoder.Encode(value, scratch);
        foreach (int bit in scratch.Sparse) _active[n++] = offset + bit;
        return n;
    }

    private int AppendBlock(int offset, int code, int width, int n)
    {
        int first = offset + code * width;
        for (int k = 0; k < width; k++) _active[n++] = first + k;
        return n;
    }

    private static ScalarEncoder? Periodic(int width, double radius, double period, string name,
        List<EncoderSegment> segments, ref int offset, out int partOffset, out Sdr? scratch)
    {
        partOffset = offset;
        scratch = null;
        if (width == 0) return null;
        int size = DateTimeEncoderParameters.PeriodicSize(width, radius, period);
        var encoder = new ScalarEncoder(ScalarEncoderParameters.Default with
        {
            Minimum = 0, Maximum = period, Size = size, ActiveBits = width, Periodic = true,
        });
        scratch = new Sdr(size);
        segments.Add(new EncoderSegment(name, offset, size));
        offset += size;
        return encoder;
    }

    private static int TwoCodes(int width, string name, List<EncoderSegment> segments, ref int offset)
    {
        int partOffset = offset;
        if (width == 0) return partOffset;
        segments.Add(new EncoderSegment(name, offset, 2 * width));
        offset += 2 * width;
        return partOffset;
    }
}
