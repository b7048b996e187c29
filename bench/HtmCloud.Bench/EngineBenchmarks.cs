using BenchmarkDotNet.Attributes;
using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Bench;

/// <summary>Per-call costs of the engine's stages on the anchor workload, after 2,000 learning steps.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private Sdr[] _patterns = [];
    private SpatialPooler _sp = null!;
    private TemporalMemory _tm = null!;
    private Sdr _columns = null!;
    private Sdr[] _columnPatterns = [];
    private RandomDistributedScalarEncoder _rdse = null!;
    private DateTimeEncoder _time = null!;
    private Sdr _rdseOut = null!, _timeOut = null!;
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        _patterns = AnchorHarness.MakePatterns(seed: 7);
        _sp = new SpatialPooler(AnchorHarness.SpatialPooler);
        _tm = new TemporalMemory(AnchorHarness.TemporalMemory);
        _columns = new Sdr(2048);
        _columnPatterns = new Sdr[_patterns.Length];
        for (int i = 0; i < 2000; i++)
        {
            _sp.Compute(_patterns[i % _patterns.Length], true, _columns);
            _tm.Compute(_columns, true);
        }
        for (int i = 0; i < _patterns.Length; i++)
        {
            _columnPatterns[i] = new Sdr(2048);
            _sp.Compute(_patterns[i], false, _columnPatterns[i]);
        }
        _rdse = new RandomDistributedScalarEncoder(RandomDistributedScalarEncoderParameters.Default with { Size = 700, ActiveBits = 14 });
        _time = new DateTimeEncoder(DateTimeEncoderParameters.Default with { TimeOfDayWidth = 30, TimeOfDayRadius = 1, WeekendWidth = 21 });
        _rdseOut = new Sdr(_rdse.Size);
        _timeOut = new Sdr(_time.Size);
    }

    [Benchmark]
    public void SpatialPoolerLearn() => _sp.Compute(_patterns[_step++ % _patterns.Length], true, _columns);

    [Benchmark]
    public void SpatialPoolerInfer() => _sp.Compute(_patterns[_step++ % _patterns.Length], false, _columns);

    [Benchmark]
    public void TemporalMemoryLearn() => _tm.Compute(_columnPatterns[_step++ % _columnPatterns.Length], true);

    [Benchmark]
    public void TemporalMemoryInfer() => _tm.Compute(_columnPatterns[_step++ % _columnPatterns.Length], false);

    [Benchmark]
    public void RdseEncode() => _rdse.Encode(_step++ * 0.37, _rdseOut);

    [Benchmark]
    public void DateTimeEncode() => _time.Encode(new DateTime(2024, 1, 1).AddMinutes(5 * _step++), _timeOut);
}
