using System.Text;
using Boundary.Core;
using Boundary.Templates;
using Boundary.Text;

namespace Boundary.Tests.Templates;

[Category("Unit")]
public class JsonTemplateTests
{
    private const string Arn = "arn:aws:iam::123456789012:policy/Boundary";

    private static (string Output, TemplatePlan Plan) Inject(string text, string arn = Arn)
    {
        var template = CloudFormationTemplate.Load(new SourceText("t.json", Encoding.UTF8.GetBytes(text)))!;
        var plan = BoundaryInjector.Plan(template, arn, new InjectionOptions());
        return (Encoding.UTF8.GetString(plan.Apply()), plan);
    }

    [Test]
    public void Adds_the_boundary_first_in_Properties_with_the_files_indentation()
    {
        var input = "{\n  \"Resources\": {\n    \"Role\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"RoleName\": \"r\"\n      }\n    }\n  }\n}";
        Inject(input).Output.Should().Be(input.Replace("\"RoleName\"", $"\"PermissionsBoundary\": \"{Arn}\",\n        \"RoleName\""));
    }

    [Test]
    public void Keeps_tabs_and_CRLF()
    {
        var input = "{\r\n\t\"Resources\": {\r\n\t\t\"Role\": {\r\n\t\t\t\"Type\": \"AWS::IAM::Role\",\r\n\t\t\t\"Properties\": {\r\n\t\t\t\t\"RoleName\": \"r\"\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}\r\n";
        Inject(input).Output.Should().Be(input.Replace("\"RoleName\"", $"\"PermissionsBoundary\": \"{Arn}\",\r\n\t\t\t\t\"RoleName\""));
    }

    [Test]
    public void Minified_json_stays_on_one_line()
    {
        var input = "{\"Resources\":{\"Role\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"RoleName\":\"r\"}}}}";
        Inject(input).Output.Should().Be(input.Replace("{\"RoleName\"", $"{{\"PermissionsBoundary\":\"{Arn}\",\"RoleName\""));
    }

    [Test]
    public void Existing_boundaries_are_kept_and_service_linked_roles_skipped()
    {
        var input = """
            {
              "Resources": {
                "A": { "Type": "AWS::IAM::Role", "Properties": { "PermissionsBoundary": { "Fn::If": ["C", "x", { "Ref": "AWS::NoValue" }] } } },
                "B": { "Type": "AWS::IAM::Role", "Properties": { "PermissionsBoundary": "arn:aws:iam::123456789012:policy/Mine" } },
                "S": { "Type": "AWS::IAM::ServiceLinkedRole", "Properties": { "AWSServiceName": "x" } },
                "U": { "Type": "AWS::IAM::User", "Properties": {} }
              }
            }
            """;
        var (output, plan) = Inject(input);
        output.Should().Be(input);
        plan.Outcomes.Select(o => (o.Resource.LogicalId, o.Action)).Should().Equal(
            ("A", PrincipalAction.Kept), ("B", PrincipalAction.Kept), ("S", PrincipalAction.Skipped), ("U", PrincipalAction.Skipped));
    }

    [Test]
    public void Escapes_the_arn_for_json()
    {
        var input = "{\"Resources\":{\"R\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"X\":1}}}}";
        var arn = "arn:aws:iam::123456789012:policy/a\"b\\c/P";
        var output = Inject(input, arn).Output;
        Newtonsoft.Json.Linq.JObject.Parse(output)["Resources"]!["R"]!["Properties"]!["PermissionsBoundary"]!.ToString().Should().Be(arn);
    }

    [Test]
    public void A_role_without_Properties_gets_them()
    {
        var input = "{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\"\n    }\n  }\n}";
        Inject(input).Output.Should().Be("{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"PermissionsBoundary\": \"" + Arn + "\"\n      }\n    }\n  }\n}");
    }

    [Test]
    public void Removing_what_was_added_gives_back_the_original_bytes()
    {
        var input = "\uFEFF{\n    \"Resources\": {\n        \"R\": {\n            \"Type\": \"AWS::IAM::Role\",\n            \"Properties\": {\n                \"A\": 1\n            }\n        }\n    }\n}";
        var (output, _) = Inject(input);
        var injected = CloudFormationTemplate.Load(new SourceText("t.json", Encoding.UTF8.GetBytes(output)))!;
        var removed = TextEdit.Apply(injected.Source.Bytes, [injected.RemoveBoundary(injected.Principals[0])]);
        removed.Should().Equal(Encoding.UTF8.GetBytes(input));
    }

    [Test]
    public void Not_a_template_when_Resources_is_missing()
    {
        CloudFormationTemplate.Load(new SourceText("p.json", "{\"AWS::IAM::Role\": 1}"u8.ToArray())).Should().BeNull();
    }

    [Test]
    public void Malformed_json_names_line_and_column()
    {
        var act = () => CloudFormationTemplate.Load(new SourceText("bad.json", "{\n  \"Resources\": {\n    \"R\": [1,,2]\n  }\n}"u8.ToArray()));
        act.Should().Throw<BoundaryException>().WithMessage("bad.json:3:*invalid JSON*");
    }
    [Test]
    public void Removing_a_boundary_that_spans_lines_takes_all_its_lines()
    {
        var input = "{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"PermissionsBoundary\": {\n          \"Fn::If\": [\"C\", \"x\", \"y\"]\n        },\n        \"A\": 1\n      }\n    }\n  }\n}";
        var template = CloudFormationTemplate.Load(new SourceText("t.json", Encoding.UTF8.GetBytes(input)))!;
        var removed = Encoding.UTF8.GetString(TextEdit.Apply(template.Source.Bytes, [template.RemoveBoundary(template.Principals[0])]));
        removed.Should().Be("{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\",\n      \"Properties\": {\n        \"A\": 1\n      }\n    }\n  }\n}");
    }

    [Test]
    public void Removing_from_a_role_that_had_no_Properties_gives_back_the_original_bytes()
    {
        foreach (var input in new[]
        {
            "{\n  \"Resources\": {\n    \"R\": {\n      \"Type\": \"AWS::IAM::Role\"\n    }\n  }\n}",
            "{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\"}}}",
        })
        {
            var (output, _) = Inject(input);
            var injected = CloudFormationTemplate.Load(new SourceText("t.json", Encoding.UTF8.GetBytes(output)))!;
            Encoding.UTF8.GetString(TextEdit.Apply(injected.Source.Bytes, [injected.RemoveBoundary(injected.Principals[0])])).Should().Be(input);
        }
    }
    [Test]
    public void Invalid_utf8_in_a_string_names_line_and_column()
    {
        var bytes = Encoding.UTF8.GetBytes("{\n  \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"D\": \"x\u00e9\"}}}\n}");
        bytes[bytes.AsSpan().IndexOf((byte)0xC3)] = 0xFF;
        var act = () => CloudFormationTemplate.Load(new SourceText("bad.json", bytes));
        act.Should().Throw<BoundaryException>().WithMessage("bad.json:2:*not valid UTF-8 (byte 0xFF)*");
    }
    [Test]
    public void A_lone_surrogate_escape_names_line_and_column()
    {
        var act = () => CloudFormationTemplate.Load(new SourceText("bad.json", "{\n  \"Resources\": {\"R\": \"\\ud83d\"}\n}"u8.ToArray()));
        act.Should().Throw<BoundaryException>().WithMessage("bad.json:2:22: invalid JSON: a string cannot be decoded*");
    }
    [Test]
    public void Each_role_gets_its_own_layout_when_roles_in_one_file_differ()
    {
        // The editor keeps the text it made for one role for the next: a role laid out otherwise
        // (indent, separator, line break, one line) must still get its own.
        var input = "{\n  \"Resources\": {\n"
            + "    \"A\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\n      \"RoleName\": \"a\"\n    }},\n"
            + "    \"B\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\n\t\t\"RoleName\" : \"b\"\n    }},\n"
            + "    \"C\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\r\n      \"RoleName\":\"c\"\r\n    }},\n"
            + "    \"D\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"RoleName\":\"d\",  \"Path\": \"/\"}},\n"
            + "    \"E\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": { \"RoleName\": \"e\" }},\n"
            + "    \"F\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\n      \"RoleName\": \"f\"\n    }}\n"
            + "  }\n}\n";
        var boundary = $"\"PermissionsBoundary\"";
        var expected = input
            .Replace("{\n      \"RoleName\": \"a\"", $"{{\n      {boundary}: \"{Arn}\",\n      \"RoleName\": \"a\"")
            .Replace("{\n\t\t\"RoleName\" : \"b\"", $"{{\n\t\t{boundary} : \"{Arn}\",\n\t\t\"RoleName\" : \"b\"")
            .Replace("{\r\n      \"RoleName\":\"c\"", $"{{\r\n      {boundary}:\"{Arn}\",\r\n      \"RoleName\":\"c\"")
            .Replace("{\"RoleName\":\"d\"", $"{{{boundary}:\"{Arn}\",  \"RoleName\":\"d\"")
            .Replace("{ \"RoleName\": \"e\"", $"{{ {boundary}: \"{Arn}\", \"RoleName\": \"e\"")
            .Replace("{\n      \"RoleName\": \"f\"", $"{{\n      {boundary}: \"{Arn}\",\n      \"RoleName\": \"f\"");

        Inject(input).Output.Should().Be(expected);
    }

    [Test]
    public void Names_and_types_that_are_not_ASCII_are_read_as_written()
    {
        // Names and type strings come from a table shared by every file a thread reads, which keeps only
        // ASCII: these must be decoded each time, and an ASCII name beside them must not be taken for one.
        var input = "{\"Resources\":{\"Rôle\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"Tâg\":1}},"
            + "\"Role\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{\"Tag\":1}},"
            + "\"Thing\":{\"Type\":\"Custom::Thïng\",\"Properties\":{}}}}";

        var (output, plan) = Inject(input);

        plan.Outcomes.Select(o => o.Resource.LogicalId).Should().Equal("Rôle", "Role");
        plan.Template.Principals.Select(r => r.Type).Should().Equal(TemplateResource.Role, TemplateResource.Role);
        output.Should().Contain($"\"Properties\":{{\"PermissionsBoundary\":\"{Arn}\",\"Tâg\":1}}");
    }
}
