using System.Reflection;

namespace Boundary.Tests.Suite;

/// <summary>
/// Every fixture says what it needs through exactly one category, so that a filter such as
/// 'TestCategory=Unit' (the build's TestFast target) picks exactly the tests that need nothing but .NET:
/// Unit (in-process, temp files), Moto (an AWS emulator), EndToEnd (the packed tool as a subprocess),
/// Corpus (the real projects outside the repository), Host (the real Amplify CLI).
/// </summary>
[Category("Unit")]
public class FixtureCategoryTests
{
    private static readonly string[] Categories = ["Unit", "Moto", "EndToEnd", "Corpus", "Host"];

    private static IEnumerable<Type> Fixtures() =>
        typeof(FixtureCategoryTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes().Any(a => a is TestAttribute or TestCaseAttribute or TestCaseSourceAttribute)));

    [Test]
    public void Every_fixture_has_exactly_one_of_the_five_categories()
    {
        var wrong = Fixtures()
            .Select(t => (Fixture: t.FullName, Found: t.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(c => c.Name).Where(Categories.Contains).ToList()))
            .Where(f => f.Found.Count != 1)
            .Select(f => $"{f.Fixture}: [{string.Join(", ", f.Found)}]")
            .ToList();
        wrong.Should().BeEmpty($"each fixture needs exactly one of {string.Join(", ", Categories)}");
    }

    [Test]
    public void No_test_adds_a_second_category_of_the_five()
    {
        var wrong = Fixtures()
            .SelectMany(t => t.GetMethods().Select(m => (Test: $"{t.FullName}.{m.Name}", Found: m.GetCustomAttributes<CategoryAttribute>().Select(c => c.Name).Where(Categories.Contains).ToList())))
            .Where(m => m.Found.Count > 0)
            .Select(m => $"{m.Test}: [{string.Join(", ", m.Found)}]")
            .ToList();
        wrong.Should().BeEmpty("the fixture's category says what its tests need");
    }

    [Test]
    public void The_check_sees_every_fixture_of_the_suite()
    {
        // Guards the two tests above against finding nothing to check.
        Fixtures().Select(t => t.Name).Should().Contain(["FixtureCategoryTests", "PrePushTests", "AuditMotoTests", "PackedToolTests", "CorpusSuite", "HookedPushTests"]);
    }
}
