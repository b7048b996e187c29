namespace HtmCloud.Htm.Utils;

/// <summary>
/// Many small growable lists of ints packed into one array, addressed by a handle (0..HandleCount-1).
/// Blocks come in power-of-two sizes with a free stack per size, so growing a list never allocates once
/// the arena has reached its working size. Removal swaps the last item in, so lists are unordered.
/// </summary>
internal sealed class IntListArena
{
    private const int MinLog = 2;
    private const int Classes = 31;
    private int[] _data = new int[1024];
    private int _top;
    private int[] _start = [], _count = [];
    private byte[] _log = [];
    private readonly int[][] _free = new int[Classes][];
    private readonly int[] _freeCount = new int[Classes];

    public IntListArena(int handles) => EnsureHandles(handles);

    public int HandleCount => _start.Length;

    public void EnsureHandles(int handles)
    {
        if (handles <= _start.Length) return;
        int size = Math.Max(handles, _start.Length * 2);
        Array.Resize(ref _start, size);
        Array.Resize(ref _count, size);
        Array.Resize(ref _log, size);
    }

    public int Count(int handle) => _count[handle];

    public ReadOnlySpan<int> Get(int handle) => new(_data, _start[handle], _count[handle]);

    public void Add(int handle, int value)
    {
        int count = _count[handle];
        if (_log[handle] == 0 || count == 1 << _log[handle]) Grow(handle);
        _data[_start[handle] + count] = value;
        _count[handle] = count + 1;
    }

    public void RemoveAt(int handle, int index)
    {
        int last = _start[handle] + --_count[handle];
        _data[_start[handle] + index] = _data[last];
    }

    /// <summary>Removes one occurrence of <paramref name="value"/>; returns false if absent.</summary>
    public bool Remove(int handle, int value)
    {
        int index = Get(handle).IndexOf(value);
        if (index < 0) return false;
        RemoveAt(handle, index);
        return true;
    }

    /// <summary>Empties a list and returns its block to the free stacks.</summary>
    public void Clear(int handle)
    {
        if (_log[handle] != 0) Free(_start[handle], _log[handle]);
        _count[handle] = 0;
        _log[handle] = 0;
        _start[handle] = 0;
    }

    /// <summary>Empties every list and forgets every block.</summary>
    public void Reset()
    {
        Array.Clear(_count);
        Array.Clear(_log);
        Array.Clear(_start);
        Array.Clear(_freeCount);
        _top = 0;
    }

    /// <summary>Ints reserved by blocks, live or free (for memory reports).</summary>
    public long ReservedInts => _data.Length;

    private void Grow(int handle)
    {
        int oldLog = _log[handle];
        int newLog = oldLog == 0 ? MinLog : oldLog + 1;
        int start = Allocate(newLog);
        if (oldLog != 0)
        {
            Array.Copy(_data, _start[handle], _data, start, _count[handle]);
            Free(_start[handle], oldLog);
        }
        _start[handle] = start;
        _log[handle] = (byte)newLog;
    }

    private int Allocate(int log)
    {
        if (_freeCount[log] > 0) return _free[log][--_freeCount[log]];
        int size = 1 << log;
        if (_top + size > _data.Length) Array.Resize(ref _data, Math.Max(_data.Length * 2, _top + size));
        int start = _top;
        _top += size;
        return start;
    }

    private void Free(int start, int log)
    {
        var stack = _free[log] ??= new int[16];
        if (_freeCount[log] == stack.Length) Array.Resize(ref _free[log], stack.Length * 2);
        _free[log][_freeCount[log]++] = start;
    }
}
