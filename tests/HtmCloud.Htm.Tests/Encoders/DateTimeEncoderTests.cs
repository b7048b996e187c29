using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Encoders;

[TestFixture]
public class DateTimeEncoderTests
{
    private static readonly DateTime Monday = new(2024, 6, 3);

    private static DateTimeEncoder Only(DateTimeEncoderParameters p) => new(p);

    private static DateTimeEncoder All() => new(DateTimeEncoderParameters.Default with
    {
        TimeOfDayWidth = 21, DayOfWeekWidth = 11, WeekendWidth = 7, SeasonWidth = 13, HolidayWidth = 5,
        Holidays = [new MonthDay(12, 25), new MonthDay(2, 29)],
    });

    private static DateTime RandomDate(Rng rng) =>
        new DateTime(1990, 1, 1).AddMinutes(rng.NextInt(60 * 24 * 366 * 40));

    [Test]
    public void Default_EncodesTimeOfDayOnly_In126Bits()
    {
        Assert.That(DateTimeEncoderParameters.Default.Validate(), Is.Empty);
        var encoder = new DateTimeEncoder(DateTimeEncoderParameters.Default);
        Assert.That(encoder.Segments, Is.EqualTo(new[] { new EncoderSegment("timeOfDay", 0, 126) }));
        Assert.That(encoder.Size, Is.EqualTo(126));
    }

    [Test]
    public void Segments_AreConsecutive_InDocumentedOrder()
    {
        var encoder = All();
        Assert.That(encoder.Segments.Select(s => s.Name), Is.EqualTo(new[] { "timeOfDay", "dayOfWeek", "weekend", "season", "holiday" }));
        int offset = 0;
        foreach (var s in encoder.Segments)
        {
            Assert.That(s.Offset, Is.EqualTo(offset), s.Name);
            offset += s.Width;
        }
        Assert.That(encoder.Size, Is.EqualTo(offset));
        Assert.That(encoder.Segments[2].Width, Is.EqualTo(14), "weekend has two codes");
    }

    [Test]
    public void Encode_SetsEachPartsWidth_InsideItsSegment_ForAnyDate()
    {
        var rng = new Rng(20);
        var encoder = All();
        var sdr = new Sdr(encoder.Size);
        int[] widths = [21, 11, 7, 13, 5];
        for (int i = 0; i < 2000; i++)
        {
            var date = RandomDate(rng);
            encoder.Encode(date, sdr);
            Assert.That(sdr.ActiveCount, Is.EqualTo(widths.Sum()), date.ToString("O"));
            for (int s = 0; s < widths.Length; s++)
            {
                var seg = encoder.Segments[s];
                int inside = 0;
                foreach (int bit in sdr.Sparse) if (bit >= seg.Offset && bit < seg.Offset + seg.Width) inside++;
                Assert.That(inside, Is.EqualTo(widths[s]), $"{seg.Name} at {date:O}");
            }
        }
    }

    [Test]
    public void TimeOfDay_NearbyTimesOverlapMore_AndTimesBeyondRadiusDoNotOverlap()
    {
        var rng = new Rng(21);
        var encoder = new DateTimeEncoder(DateTimeEncoderParameters.Default);
        Sdr a = new(encoder.Size), near = new(encoder.Size), far = new(encoder.Size);
        for (int i = 0; i < 1000; i++)
        {
            var t = RandomDate(rng);
            encoder.Encode(t, a);
            encoder.Encode(t.AddMinutes(30), near);
            encoder.Encode(t.AddHours(4.5 + rng.NextDouble() * 15), far);
            Assert.That(a.GetOverlap(near), Is.GreaterThan(a.GetOverlap(far)));
            Assert.That(a.GetOverlap(far), Is.EqualTo(0), "times more than the radius apart");
        }
    }

    [Test]
    public void TimeOfDay_WrapsAroundMidnight()
    {
        var encoder = new DateTimeEncoder(DateTimeEncoderParameters.Default);
        Sdr late = new(encoder.Size), early = new(encoder.Size), noon = new(encoder.Size);
        encoder.Encode(new DateTime(2024, 1, 1, 23, 50, 0), late);
        encoder.Encode(new DateTime(2024, 1, 2, 0, 10, 0), early);
        encoder.Encode(new DateTime(2024, 1, 2, 12, 0, 0), noon);
        Assert.That(late.GetOverlap(early), Is.GreaterThanOrEqualTo(18));
        Assert.That(late.GetOverlap(noon), Is.EqualTo(0));
    }

    [Test]
    public void DayOfWeek_SundayNightIsNextToMondayMorning_AndFarFromThursday()
    {
        var encoder = Only(DateTimeEncoderParameters.Default with { TimeOfDayWidth = 0, DayOfWeekWidth = 21 });
        Sdr sunday = new(encoder.Size), monday = new(encoder.Size), thursday = new(encoder.Size);
        encoder.Encode(Monday.AddHours(-1), sunday);
        encoder.Encode(Monday.AddHours(1), monday);
        encoder.Encode(Monday.AddDays(3), thursday);
        Assert.That(encoder.Size, Is.EqualTo(7 * 21));
        Assert.That(sunday.GetOverlap(monday), Is.GreaterThanOrEqualTo(19));
        Assert.That(sunday.GetOverlap(thursday), Is.EqualTo(0));
    }

    [Test]
    public void Weekend_SaturdayAndSundayShareOneCode_WeekdaysTheOther()
    {
        var encoder = Only(DateTimeEncoderParameters.Default with { TimeOfDayWidth = 0, WeekendWidth = 10 });
        Sdr saturday = new(encoder.Size), day = new(encoder.Size);
        encoder.Encode(Monday.AddDays(5).AddHours(3), saturday);
        Assert.That(saturday.Sparse.ToArray(), Is.EqualTo(Enumerable.Range(10, 10)));
        for (int d = 0; d < 7; d++)
        {
            encoder.Encode(Monday.AddDays(d).AddHours(13), day);
            bool weekend = d >= 5;
            Assert.That(day.GetOverlap(saturday), Is.EqualTo(weekend ? 10 : 0), $"day {d} after Monday");
        }
    }

    [Test]
    public void Season_NewYearsEveIsNextToNewYearsDay_AndFarFromMidsummer()
    {
        var encoder = Only(DateTimeEncoderParameters.Default with { TimeOfDayWidth = 0, SeasonWidth = 21 });
        Sdr eve = new(encoder.Size), newYear = new(encoder.Size), summer = new(encoder.Size);
        encoder.Encode(new DateTime(2023, 12, 31, 12, 0, 0), eve);
        encoder.Encode(new DateTime(2024, 1, 1, 12, 0, 0), newYear);
        encoder.Encode(new DateTime(2024, 7, 1), summer);
        Assert.That(eve.GetOverlap(newYear), Is.GreaterThanOrEqualTo(20));
        Assert.That(eve.GetOverlap(summer), Is.EqualTo(0));
    }

    [Test]
    public void Holiday_OnlyListedDaysGetTheHolidayCode_WholeDay()
    {
        var encoder = Only(DateTimeEncoderParameters.Default with
        {
            TimeOfDayWidth = 0, HolidayWidth = 8, Holidays = [new MonthDay(12, 25), new MonthDay(7, 4)],
        });
        Sdr holiday = new(encoder.Size), sdr = new(encoder.Size);
        encoder.Encode(new DateTime(2030, 7, 4, 0, 0, 0), holiday);
        Assert.That(holiday.Sparse[0], Is.EqualTo(8), "holiday code is the second block");
        var rng = new Rng(22);
        for (int i = 0; i < 3000; i++)
        {
            var date = RandomDate(rng);
            encoder.Encode(date, sdr);
            bool isHoliday = (date.Month, date.Day) is (12, 25) or (7, 4);
            Assert.That(sdr.GetOverlap(holiday), Is.EqualTo(isHoliday ? 8 : 0), date.ToString("O"));
        }
        encoder.Encode(new DateTime(2001, 12, 25, 23, 59, 59), sdr);
        Assert.That(sdr, Is.EqualTo(holiday));
    }

    [Test]
    public void Encode_IgnoresDateTimeKind()
    {
        var encoder = All();
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        encoder.Encode(new DateTime(2024, 3, 5, 8, 30, 0, DateTimeKind.Utc), a);
        encoder.Encode(new DateTime(2024, 3, 5, 8, 30, 0, DateTimeKind.Local), b);
        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void Validate_ReportsEveryInvalidField()
    {
        var p = new DateTimeEncoderParameters
        {
            TimeOfDayWidth = -1, TimeOfDayRadius = 0, DayOfWeekWidth = 3, DayOfWeekRadius = 7, WeekendWidth = -2,
            SeasonWidth = 4, SeasonRadius = double.NaN, HolidayWidth = -3, Holidays = [new MonthDay(2, 30), new MonthDay(2, 29)],
        };
        Assert.That(Allocations.Fields(p.Validate()), Is.EquivalentTo(new[]
        {
            "timeOfDayWidth", "timeOfDayRadius", "dayOfWeekRadius", "weekendWidth", "seasonRadius", "holidayWidth", "holidays[0]",
        }));
    }

    [Test]
    public void Validate_RequiresAtLeastOnePart()
    {
        var p = DateTimeEncoderParameters.Default with { TimeOfDayWidth = 0 };
        Assert.That(Allocations.Fields(p.Validate()), Is.EqualTo(new[] { "timeOfDayWidth" }));
        Assert.Throws<ArgumentException>(() => new DateTimeEncoder(p));
    }

    [Test]
    public void Encode_AllocatesNothing()
    {
        var encoder = All();
        var sdr = new Sdr(encoder.Size);
        var t = new DateTime(2020, 1, 1);
        long bytes = Allocations.BytesPerCalls(() => encoder.Encode(t = t.AddMinutes(97), sdr));
        Assert.That(bytes, Is.EqualTo(0));
    }
}
