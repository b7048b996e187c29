using System.Text;
using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Htm.Tests.Snapshots;

public sealed class Crc32Tests
{
    [Test]
    public void Check_value_of_the_standard_test_string()
    {
        Assert.That(Crc32.Compute(Encoding.ASCII.GetBytes("123456789")), Is.EqualTo(0xCBF43926u));
        Assert.That(Crc32.Compute([]), Is.EqualTo(0u));
    }

    [Test]
    public void Equals_the_bit_at_a_time_definition_for_every_length_and_split()
    {
        var random = new Random(7);
        var data = new byte[300];
        random.NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            var span = data.AsSpan(0, length);
            uint expected = BitAtATime(span);
            Assert.That(Crc32.Compute(span), Is.EqualTo(expected), $"length {length}");
            int split = length == 0 ? 0 : random.Next(length);
            uint chunked = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Initial, span[..split]), span[split..]));
            Assert.That(chunked, Is.EqualTo(expected), $"length {length} split at {split}");
        }
    }

    // The polynomial division written out, one bit at a time: slow and obviously right.
    private static uint BitAtATime(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
