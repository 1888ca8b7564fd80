using Boundary.Text;

namespace Boundary.Templates;

/// <summary>The edits planned for one template, nothing written yet.</summary>
public sealed record TemplatePlan(CloudFormationTemplate Template, IReadOnlyList<TextEdit> Edits, IReadOnlyList<PrincipalOutcome> Outcomes)
{
    public bool Changes => Edits.Count > 0;

    public byte[] Apply() => TextEdit.Apply(Template.Source.Bytes, Edits);
}
