using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Encoders;

[TestFixture]
public class MultiEncoderTests
{
    private readonly ScalarEncoder _scalar = new(ScalarEncoderParameters.Default with { Size = 100, ActiveBits = 9 });
    private readonly DateTimeEncoder _time = new(DateTimeEncoderParameters.Default);
    private readonly CategoryEncoder _category = new(CategoryEncoderParameters.Default with { Categories = ["get", "put"], ActiveBits = 4 });
    private readonly RandomDistributedScalarEncoder _rdse = new(RandomDistributedScalarEncoderParameters.Default with { Size = 200 });

    private MultiEncoder Create() => new(
    [
        MultiEncoderField.ForDateTime("timestamp", _time),
        MultiEncoderField.ForNumber("load", _scalar),
        MultiEncoderField.ForText("method", _category),
        MultiEncoderField.ForNumber("latency", _rdse),
    ]);

    [Test]
    public void Segments_AreConsecutive_InFieldOrder()
    {
        var multi = Create();
        Assert.That(multi.Segments, Is.EqualTo(new[]
        {
            new EncoderSegment("timestamp", 0, 126),
            new EncoderSegment("load", 126, 100),
            new EncoderSegment("method", 226, 12),
            new EncoderSegment("latency", 238, 200),
        }));
        Assert.That(multi.Size, Is.EqualTo(438));
        Assert.That(multi.IndexOf("method"), Is.EqualTo(2));
        Assert.That(multi.IndexOf("Method"), Is.EqualTo(-1));
    }

    [Test]
    public void Encode_PlacesEachFieldsCode_AtItsOffset()
    {
        var rng = new Rng(50);
        var multi = Create();
        var whole = new Sdr(multi.Size);
        Sdr time = new(_time.Size), load = new(_scalar.Size), method = new(_category.Size), latency = new(_rdse.Size);
        var values = new FieldValue[4];
        for (int i = 0; i < 500; i++)
        {
            var t = new DateTime(2024, 1, 1).AddMinutes(rng.NextInt(100_000));
            double l = rng.NextDouble() * 100, lat = rng.NextDouble() * 1000;
            string m = rng.NextInt(3) switch { 0 => "get", 1 => "put", _ => "delete" };
            values[0] = t;
            values[1] = l;
            values[2] = m;
            values[3] = lat;
            multi.Encode(values, whole);
            _time.Encode(t, time);
            _scalar.Encode(l, load);
            _category.Encode(m, method);
            _rdse.Encode(lat, latency);
            var expected = time.Sparse.ToArray()
                .Concat(load.Sparse.ToArray().Select(b => b + 126))
                .Concat(method.Sparse.ToArray().Select(b => b + 226))
                .Concat(latency.Sparse.ToArray().Select(b => b + 238));
            Assert.That(whole.Sparse.ToArray(), Is.EqualTo(expected));
        }
    }

    [Test]
    public void Encode_MissingValue_LeavesOnlyThatFieldZero()
    {
        var multi = Create();
        var sdr = new Sdr(multi.Size);
        FieldValue[] values = [new DateTime(2024, 5, 5, 10, 0, 0), FieldValue.Missing, "put", double.NaN];
        multi.Encode(values, sdr);
        Assert.That(sdr.ActiveCount, Is.EqualTo(21 + 4));
        Assert.That(sdr.Sparse.ToArray().Count(b => b is >= 126 and < 226), Is.EqualTo(0));
        Assert.That(sdr.Sparse.ToArray().Count(b => b >= 238), Is.EqualTo(0), "NaN is missing for the RDSE too");
    }

    [Test]
    public void Encode_RejectsWrongKindOrCount()
    {
        var multi = Create();
        var sdr = new Sdr(multi.Size);
        FieldValue[] wrongKind = [new DateTime(2024, 5, 5), "heavy", "put", 1.0];
        FieldValue[] tooFew = [new DateTime(2024, 5, 5), 1.0];
        Assert.Throws<ArgumentException>(() => multi.Encode(wrongKind, sdr));
        Assert.Throws<ArgumentException>(() => multi.Encode(tooFew, sdr));
        Assert.Throws<ArgumentException>(() => multi.Encode(new FieldValue[4], new Sdr(multi.Size - 1)));
    }

    [Test]
    public void Constructor_RejectsNoFieldsAndDuplicateNames()
    {
        Assert.Throws<ArgumentException>(() => new MultiEncoder([]));
        Assert.Throws<ArgumentException>(() => new MultiEncoder(
        [
            MultiEncoderField.ForNumber("x", _scalar),
            MultiEncoderField.ForNumber("x", _rdse),
        ]));
        Assert.Throws<ArgumentException>(() => MultiEncoderField.ForNumber(" ", _scalar));
    }

    [Test]
    public void FieldValue_ConvertsImplicitly_AndDefaultIsMissing()
    {
        FieldValue number = 2.5, date = new DateTime(2024, 1, 2), text = "abc", nullText = (string?)null;
        Assert.That((number.Kind, number.Number), Is.EqualTo((FieldValueKind.Number, 2.5)));
        Assert.That((date.Kind, date.DateTime), Is.EqualTo((FieldValueKind.DateTime, new DateTime(2024, 1, 2))));
        Assert.That((text.Kind, text.Text), Is.EqualTo((FieldValueKind.Text, "abc")));
        Assert.That(nullText, Is.EqualTo(FieldValue.Missing));
        Assert.That(default(FieldValue).Kind, Is.EqualTo(FieldValueKind.Missing));
    }

    [Test]
    public void Encode_AllocatesNothing()
    {
        var multi = Create();
        var sdr = new Sdr(multi.Size);
        var values = new FieldValue[] { new DateTime(2024, 1, 1), 1.0, "get", 5.0 };
        long bytes = Allocations.BytesPerCalls(() =>
        {
            values[0] = values[0].DateTime.AddMinutes(5);
            values[1] = (values[1].Number + 7) % 100;
            values[3] = values[3].Number + 1;
            multi.Encode(values, sdr);
        });
        Assert.That(bytes, Is.EqualTo(0));
    }
}
