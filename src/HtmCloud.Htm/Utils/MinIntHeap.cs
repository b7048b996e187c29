namespace HtmCloud.Htm.Utils;

/// <summary>Binary min-heap of ints: free ids are reused lowest first, whatever order they were freed in.</summary>
internal sealed class MinIntHeap
{
    private int[] _items = new int[64];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(int value)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (_items[parent] <= value) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = value;
    }

    public int Pop()
    {
        int top = _items[0], last = _items[--Count], i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && _items[child + 1] < _items[child]) child++;
            if (_items[child] >= last) break;
            _items[i] = _items[child];
            i = child;
        }
        if (Count > 0) _items[i] = last;
        return top;
    }
}
