namespace Boundary.Json;

public enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}
