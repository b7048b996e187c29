namespace HtmCloud.Contracts.Graphs;

/// <summary>Type of a record field.</summary>
public enum GraphFieldType
{
    Number,
    DateTime,
    Category,
    Text,
}
