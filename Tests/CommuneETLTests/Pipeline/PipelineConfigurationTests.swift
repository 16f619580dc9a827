import Foundation
import Testing
@testable import CommuneETL

/// A copy of the repository's `Pipelines/` with one mistake, and the error the loader must refuse it with.
struct PipelineConfigurationTests {
    typealias Edit = PipelinesEdit

    /// Applies `edit` to a fresh copy of `Pipelines/`; returns the copy and the edited file's path.
    private static func brokenCopy(_ edit: Edit, in scratch: ScratchFolder) throws -> (folder: String, file: String) {
        try edit.applied(in: scratch)
    }

    @Test func theRepositoryPipelinesLoad() throws {
        let catalog = try RepositoryPaths.catalog()
        #expect(catalog.pipelines.map(\.name) == ["household-review", "indicator-report", "poverty-summary"])
        #expect(catalog.fileRules.rules.count == FileRule.allCases.count)
        _ = try RunContext(catalog: catalog, partsFolder: "/nonexistent")
    }

    static let refusedByTheCompiler: [Edit] = [
        Edit(file: "household-review.yaml",
             find: "fields: [household_code, head_name, commune_code, household_size",
             replace: "fields: [household_code, head_nam, commune_code, household_size",
             location: "rules[0] (HR-REQUIRED).fields", problem: "unknown field 'head_nam'"),
        Edit(file: "household-review.yaml", find: "version: 1\nname:", replace: "version: 2\nname:",
             location: "version", problem: "unsupported version 2; this build reads version 1"),
        Edit(file: "household-review.yaml",
             find: """
                    values:
                      poor: [Hộ nghèo, Nghèo, HN]
                      near_poor: [Hộ cận nghèo, Cận nghèo, HCN, CN]
                      average: [Hộ có mức sống trung bình, Hộ mức sống trung bình, Mức sống trung bình, MSTB]
                      not_poor: [Không nghèo, Hộ không nghèo, Không]

                """,
             replace: "",
             location: "fields[22] (reported_classification)", problem: "an enum field needs values"),
        Edit(file: "household-review.yaml", find: "headers: [Họ và tên chủ hộ,", replace: "headers: [MÃ HỘ, Họ và tên chủ hộ,",
             location: "fields[2] (head_name).headers", problem: "the header 'MÃ HỘ' also names the field household_code"),
        Edit(file: "household-review.yaml", find: "      not_poor: [Không nghèo, Hộ không nghèo, Không]",
             replace: "      not_poor: [Không nghèo, Hộ không nghèo, Không, Nghèo]",
             location: "fields[22] (reported_classification).values", problem: "the label 'Nghèo' stands for two values"),
        Edit(file: "household-review.yaml", find: "of: [employment, dependents,", replace: "of: [employmnt, dependents,",
             location: "derived (deprivation_count)", problem: "unknown field 'employmnt'"),
        Edit(file: "household-review.yaml", find: "output: [commune_code, year,", replace: "output: [commune_code, yaer,",
             location: "output", problem: "unknown field 'yaer'"),
        Edit(file: "household-review.yaml", find: "primary_key: [commune_code, year, household_code]",
             replace: "primary_key: [commune, year, household_code]", location: "primary_key", problem: "unknown field 'commune'"),
        Edit(file: "household-review.yaml", find: "    right: deprivation_count\n", replace: "    right: deprivations\n",
             location: "rules[5] (HR-COUNT)", problem: "unknown field 'deprivations'"),
        Edit(file: "household-review.yaml", find: "name: household-review\n", replace: "name: household-reviews\n",
             location: "name", problem: "the name 'household-reviews' must match the file name"),
        Edit(file: "household-review.yaml", find: "  poverty_line: {xa: 1500000, thi_tran: 2000000}",
             replace: "  poverty_line: {xa: 1500000}",
             location: "classification.poverty_line", problem: "no poverty line for 'thi_tran'"),
        Edit(file: "household-review.yaml",
             find: "  - id: HR-TYPE\n    check: type\n    severity: error\n    fields: [household_size, income_vnd,",
             replace: "  - id: HR-TYPE\n    check: type\n    severity: error\n    fields: [income_vnd,",
             location: "rules", problem: "no type or reference rule reports unreadable values of 'household_size'"),
        Edit(file: "file-rules.yaml", find: "  - id: COL-UNKNOWN\n", replace: "  - id: COL-UNKNOWN-RENAMED\n",
             location: "rules", problem: "the rule COL-UNKNOWN is missing"),
    ]

    @Test(arguments: refusedByTheCompiler)
    func aMalformedPipelineIsRefusedWithItsFileAndLocation(edit: Edit) throws {
        let scratch = try ScratchFolder()
        let (folder, file) = try Self.brokenCopy(edit, in: scratch)
        #expect(throws: ETLError.configuration(file: file, location: edit.location, problem: edit.problem)) {
            try PipelineCatalog.load(from: folder)
        }
    }

    /// Mistakes the YAML decoder finds: the location is the line and key path, the problem comes from Codable.
    /// `line +K` stands for the K-th line of the edited text, counted in the file, so the cases survive
    /// edits elsewhere in the YAML.
    static let refusedByTheDecoder: [Edit] = [
        Edit(file: "household-review.yaml", find: "  - id: HR-CCCD\n    check: pattern\n    severity: warning\n",
             replace: "  - id: HR-CCCD\n    check: pattern\n", location: "line +0: rules[4]",
             problem: "the key 'severity' is required"),
        Edit(file: "household-review.yaml", find: "    min: 1\n    max: 30\n", replace: "    min: one\n    max: 30\n",
             location: "line +0: fields[7].min", problem: "Int64"),
        Edit(file: "household-review.yaml", find: "    check: compare\n", replace: "    check: comparison\n",
             location: "line +0: rules[5].check", problem: "comparison"),
        Edit(file: "household-review.yaml", find: "    type: integer\n    min: 1\n", replace: "    type: int\n    min: 1\n",
             location: "line +0: fields[7].type", problem: "int"),
        Edit(file: "file-rules.yaml", find: "  - id: FILE-EMPTY\n    severity: error\n", replace: "  - id: FILE-EMPTY\n    severity: fatal\n",
             location: "line +1: rules[1].severity", problem: "fatal"),
        Edit(file: "household-review.yaml", find: "    check: pattern\n    severity: warning\n",
             replace: "    check: pattern\n    severty: warning\n    severity: warning\n",
             location: "line +1: rules[4].severty", problem: "unknown key 'severty'"),
        Edit(file: "household-review.yaml", find: "    min: 1\n    max: 30\n", replace: "    minimum: 1\n    max: 30\n",
             location: "line +0: fields[7].minimum", problem: "unknown key 'minimum'"),
    ]

    /// Turns `line +K` in an edit's location into the file's line number.
    private static func resolvingLine(_ edit: Edit) throws -> String {
        guard let range = edit.location.range(of: #"line \+[0-9]+"#, options: .regularExpression) else { return edit.location }
        let offset = Int(edit.location[range].dropFirst("line +".count))!
        let text = try String(contentsOfFile: RepositoryPaths.pipelines + "/" + edit.file, encoding: .utf8)
        let start = try #require(text.range(of: edit.find)).lowerBound
        let line = text[..<start].count { $0 == "\n" } + 1 + offset
        return edit.location.replacingCharacters(in: range, with: "line \(line)")
    }

    @Test(arguments: refusedByTheDecoder)
    func aMisspelledOrMissingKeyIsRefusedWithItsLineAndKeyPath(edit: Edit) throws {
        let scratch = try ScratchFolder()
        let (folder, file) = try Self.brokenCopy(edit, in: scratch)
        let error = #expect(throws: ETLError.self) { try PipelineCatalog.load(from: folder) }
        guard case let .configuration(errorFile, location, problem) = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(errorFile == file)
        #expect(location == (try Self.resolvingLine(edit)))
        #expect(problem.contains(edit.problem))
    }

    /// A top-level key has an empty key path: the location is the line alone, not `line 6: ` with a dangling
    /// separator (which prints as `household-review.yaml: line 6: : the key 'table' is required`).
    @Test
    func aMissingTopLevelKeyIsRefusedWithTheLineOfTheDocument() throws {
        let edit = Edit(file: "household-review.yaml", find: "table: households\n", replace: "", location: "line 6",
                        problem: "the key 'table' is required")
        let scratch = try ScratchFolder()
        let (folder, file) = try Self.brokenCopy(edit, in: scratch)
        #expect(throws: ETLError.configuration(file: file, location: edit.location, problem: edit.problem)) {
            try PipelineCatalog.load(from: folder)
        }
    }

    /// Yams reports `11:2: error: parser: … did not find expected key`; the refusal must keep that line.
    @Test func brokenYAMLSyntaxIsRefusedWithTheLine() throws {
        let edit = Edit(file: "household-review.yaml", find: "\nowner: ldtbxh", replace: "\n owner: ldtbxh", location: "", problem: "")
        let scratch = try ScratchFolder()
        let (folder, file) = try Self.brokenCopy(edit, in: scratch)
        let error = #expect(throws: ETLError.self) { try PipelineCatalog.load(from: folder) }
        guard case let .configuration(errorFile, location, problem) = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(errorFile == file)
        let whereText = location + " " + problem
        #expect(whereText.contains("line 11") || whereText.contains("11:2"), "\(whereText)")
    }

    @Test func brokenYAMLSyntaxIsRefusedWithTheFile() throws {
        let edit = Edit(file: "household-review.yaml", find: "\nowner: ldtbxh", replace: "\n owner: ldtbxh", location: "", problem: "")
        let scratch = try ScratchFolder()
        let (folder, file) = try Self.brokenCopy(edit, in: scratch)
        let error = #expect(throws: ETLError.self) { try PipelineCatalog.load(from: folder) }
        guard case let .configuration(errorFile, _, _) = error else {
            Issue.record("expected a configuration error, got \(String(describing: error))")
            return
        }
        #expect(errorFile == file)
    }

    @Test func aMissingPipelinesFolderIsRefused() throws {
        let scratch = try ScratchFolder()
        #expect(throws: ETLError.configuration(file: scratch.path + "/none", location: "", problem: "the pipelines folder cannot be read")) {
            try PipelineCatalog.load(from: scratch.path + "/none")
        }
    }

    @Test func aPipelinesFolderWithoutPipelinesIsRefused() throws {
        let scratch = try ScratchFolder()
        let folder = try scratch.copyOfPipelines()
        for pipeline in ["household-review", "indicator-report", "poverty-summary"] {
            try FileManager.default.removeItem(atPath: folder + "/\(pipeline).yaml")
        }
        #expect(throws: ETLError.configuration(file: folder, location: "", problem: "no pipeline (*.yaml) found")) {
            try PipelineCatalog.load(from: folder)
        }
    }

    /// Rule parameters checked when the rule set is built: the error must name the pipeline's file, as every
    /// other configuration error does, and the rule by its position like the compiler.
    static let refusedByTheRuleSet: [Edit] = [
        Edit(file: "household-review.yaml", find: "    op: \"==\"\n", replace: "    op: \"=<\"\n",
             location: "rules[5] (HR-COUNT)", problem: "unknown operator '=<'; use one of == != < <= > >="),
        Edit(file: "household-review.yaml", find: "      not_poor: [average, not_poor]\n", replace: "",
             location: "rules[6] (HR-CLASS)", problem: "agrees has no entry for 'not_poor'"),
        Edit(file: "household-review.yaml", find: "    digits: 12\n", replace: "",
             location: "rules[4] (HR-CCCD)", problem: "a pattern rule needs 'digits'"),
    ]

    @Test(arguments: refusedByTheRuleSet)
    func aMalformedRuleParameterIsRefusedWithItsFile(edit: Edit) throws {
        let scratch = try ScratchFolder()
        let (folder, file) = try Self.brokenCopy(edit, in: scratch)
        #expect(throws: ETLError.configuration(file: file, location: edit.location, problem: edit.problem)) {
            _ = try RunContext(catalog: try PipelineCatalog.load(from: folder), partsFolder: scratch.path)
        }
    }

    @Test
    func fileRulesOfAnotherVersionAreRefused() throws {
        let edit = Edit(file: "file-rules.yaml", find: "version: 1\n", replace: "version: 2\n", location: "version", problem: "version 2")
        let scratch = try ScratchFolder()
        let (folder, file) = try Self.brokenCopy(edit, in: scratch)
        let error = #expect(throws: ETLError.self) { try PipelineCatalog.load(from: folder) }
        guard case let .configuration(errorFile, location, problem) = error else { return }
        #expect(errorFile == file)
        #expect(location == "version")
        #expect(problem.contains("unsupported version 2"))
    }
}
