using Boundary.Core;
using Boundary.Files;
using Boundary.Tests.Support;

namespace Boundary.Tests.Files;

/// <summary>
/// <see cref="ProjectPath.ConfineAll"/> resolves each folder once for many paths: it must answer what
/// <see cref="ProjectPath.Confine"/> answers for each path, and stop at the first that leads outside.
/// </summary>
[Category("Unit")]
public class ProjectPathTests
{
    [Test]
    public void Many_paths_confined_at_once_resolve_as_each_confined_alone()
    {
        using var project = TempProject.FromFixture("multi-env");
        Directory.CreateSymbolicLink(project.PathOf("amplify/backend/linked"), "function");
        string[] paths =
        [
            project.PathOf("amplify/backend/function/fnA/fnA-cloudformation-template.json"),
            project.PathOf("amplify/backend/linked/fnA/fnA-cloudformation-template.json"),
            project.PathOf("amplify/backend/linked/fnB/not-there-yet.json"),
            project.PathOf("amplify/#current-cloud-backend/function/fnB/fnB-cloudformation-template.json"),
            project.PathOf("amplify/backend/function/fnA/fnA-cloudformation-template.json"),
        ];

        ProjectPath.ConfineAll(project.Root, paths).Should().Equal(paths.Select(p => ProjectPath.Confine(project.Root, p)));
        ProjectPath.ConfineAll(project.Root, paths)[1].Should().Be(ProjectPath.RealPath(paths[0]));
    }

    [Test]
    public void Many_paths_confined_at_once_stop_at_the_first_through_a_link_out_of_the_root()
    {
        using var project = TempProject.FromFixture("multi-env");
        using var outside = new TempProject();
        Directory.CreateSymbolicLink(project.PathOf("amplify/backend/out"), outside.Root);
        Directory.CreateSymbolicLink(project.PathOf("amplify/backend/away"), outside.Root);
        string[] paths =
        [
            project.PathOf("amplify/backend/function/fnA/fnA-cloudformation-template.json"),
            project.PathOf("amplify/backend/out/x.json"),
            project.PathOf("amplify/backend/away/y.json"),
        ];

        var act = () => ProjectPath.ConfineAll(project.Root, paths);

        act.Should().Throw<BoundaryException>().WithMessage("*amplify/backend/out: a link to*outside*");
    }
}
