using Boundary.Core;
using Boundary.Push;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Tests.Adversarial;

/// <summary>
/// A template saved by someone else while the run has it read but not yet staged: the staged bytes
/// are the edits applied to what was read, so renaming them into place would throw the other save away.
/// </summary>
[Category("Unit")]
public class StagingRaceAttackTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/B";
    private const string Template = "{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"AssumeRolePolicyDocument\":{}}}}}\n";

    private string root = "";

    [SetUp]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("boundary-staging-race-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    [Test]
    public void A_template_saved_between_its_read_and_its_staging_is_not_overwritten()
    {
        var path = Path.Combine(root, "template.json");
        File.WriteAllText(path, Template);
        var source = SourceText.Read(path);
        var plan = BoundaryInjector.Plan(CloudFormationTemplate.Load(source)!, Arn, new InjectionOptions(false));
        // Someone saves the template while it is being parsed and planned (a large template takes a while).
        var saved = Template.Replace("\"R\"", "\"RoleTheUserJustRenamed\"");
        File.WriteAllText(path, saved);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(1));

        var planned = new PlannedFile(root, path, "template.json", plan, dryRun: false);
        try
        {
            var write = planned.Write;

            write.Should().Throw<BoundaryException>().Which.Message.Should().Contain("changed while 'dotnet boundary' was running");
            File.ReadAllText(path).Should().Be(saved, "the other save must survive");
        }
        finally
        {
            planned.Discard();
        }
    }
}
