import Foundation
internal import Yams

/// Everything a run reads from `Pipelines/`: the pipelines, the shared file rules, the reference data.
///
/// Loaded and checked at start; any mistake is an `ETLError.configuration` naming the file and where in it,
/// so a bad edit stops the job before it reads a single input.
public struct PipelineCatalog: Sendable {
    public var pipelines: [CompiledPipeline]
    public var fileRules: FileRuleCatalog
    public var registry: CommuneRegistry
    /// The plan's indicators and the offices that own them (`indicators.yaml`, `offices.yaml`).
    public var indicators: IndicatorCatalogue
    /// Every target of the plan (`targets.yaml`, `commune-targets.csv`).
    public var targets: TargetCatalogue
    /// The communes over time (validity dates and successors), for files dated after a change.
    public var units: AdministrativeUnits
    public var layout: LayoutRules
    /// Byte tables of the legacy Vietnamese encodings (`reference/encodings/`).
    public var encodingTables: EncodingTables
    /// SHA-256 over every configuration file, in name order: changes whenever a rule or reference changes.
    public var fingerprint: String

    /// Files of `Pipelines/` that are not pipelines.
    static let sharedFiles: Set<String> = ["file-rules.yaml", "layout.yaml", "offices.yaml", "indicators.yaml", "targets.yaml"]

    public static func load(from folder: String) throws -> PipelineCatalog {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw ETLError.configuration(file: folder, location: "", problem: "the pipelines folder cannot be read")
        }
        // Decoding YAML is most of the load (Yams resolves every scalar with regular expressions): the
        // pipelines, file rules and layout are decoded on a second thread while this one loads the
        // indicators and targets. Their bytes join the fingerprint in the same order as before.
        let decoding = BackgroundJob("catalog") { try decodeSheetFiles(folder: folder, names: names) }
        defer { _ = try? decoding.join() }
        var hashed: [UInt8] = []
        let indicators = try IndicatorCatalogue.load(from: folder, hashInto: &hashed)
        let targets = try TargetCatalogue.load(from: folder, indicators: indicators, hashInto: &hashed)
        let decoded = try decoding.join()
        hashed += decoded.hashed
        let pipelines = try decoded.pipelines.map { try PipelineCompiler.compile($0.definition, file: $0.path, indicators: indicators) }
        let rulesPath = folder + "/file-rules.yaml"
        let fileRules = decoded.fileRules
        guard fileRules.version == 1 else {
            throw ETLError.configuration(file: rulesPath, location: "version", problem: "unsupported version \(fileRules.version); this build reads version 1")
        }
        for rule in FileRule.allCases {
            guard let entry = fileRules.rules.first(where: { $0.id == rule.rawValue }) else {
                throw ETLError.configuration(file: rulesPath, location: "rules", problem: "the rule \(rule.rawValue) is missing")
            }
            for code in rule.detailCodes where entry.details?[code] == nil {
                throw ETLError.configuration(file: rulesPath, location: "rules (\(rule.rawValue)).details", problem: "no text for '\(code)'")
            }
        }
        let layoutPath = folder + "/layout.yaml"
        let layout = decoded.layout
        guard layout.version == 1 else {
            throw ETLError.configuration(file: layoutPath, location: "version", problem: "unsupported version \(layout.version); this build reads version 1")
        }
        let registry = try ReferenceData.loadRegistry(from: folder + "/reference", hashInto: &hashed)
        let successions = try ReferenceData.loadSuccessions(from: folder + "/reference", registry: registry, hashInto: &hashed)
        let tablesFolder = folder + "/reference/encodings"
        let tables: EncodingTables
        do {
            tables = try EncodingTables(folder: tablesFolder)
            _ = try readText(tablesFolder + "/vni_windows.tsv", hashInto: &hashed)
        } catch let error as ETLError {
            throw error
        } catch {
            throw ETLError.configuration(file: tablesFolder, location: "", problem: "\(error)")
        }
        let units = AdministrativeUnits(registry: registry, successions: successions)
        for pipeline in pipelines {
            _ = try RuleSet(pipeline, indicators: indicators, units: units)  // rule parameters are checked now, not when the first file is read
        }
        return PipelineCatalog(pipelines: pipelines, fileRules: fileRules, registry: registry, indicators: indicators, targets: targets,
                               units: units, layout: LayoutRules(layout),
                               encodingTables: tables, fingerprint: SHA256.hexDigest(hashed))
    }

    public func pipeline(named name: String) -> CompiledPipeline? { pipelines.first { $0.name == name } }

    /// The files that describe sheets, decoded (not yet compiled: that needs the indicators).
    private struct SheetFiles: Sendable {
        var pipelines: [(definition: PipelineDefinition, path: String)] = []
        var fileRules: FileRuleCatalog
        var layout: LayoutDefinition
        /// Their part of the fingerprint: pipelines in name order, then file rules, then layout.
        var hashed: [UInt8]
    }

    private static func decodeSheetFiles(folder: String, names: [String]) throws -> SheetFiles {
        var hashed: [UInt8] = []
        var pipelines: [(definition: PipelineDefinition, path: String)] = []
        for name in names where name.hasSuffix(".yaml") && !sharedFiles.contains(name) {
            let path = folder + "/" + name
            let definition: PipelineDefinition = try decode(try readText(path, hashInto: &hashed), file: path, shape: .pipeline)
            guard definition.name + ".yaml" == name else {
                throw ETLError.configuration(file: path, location: "name", problem: "the name '\(definition.name)' must match the file name")
            }
            pipelines.append((definition, path))
        }
        guard !pipelines.isEmpty else {
            throw ETLError.configuration(file: folder, location: "", problem: "no pipeline (*.yaml) found")
        }
        let rulesPath = folder + "/file-rules.yaml", layoutPath = folder + "/layout.yaml"
        let fileRules: FileRuleCatalog = try decode(try readText(rulesPath, hashInto: &hashed), file: rulesPath, shape: .fileRules)
        let layout: LayoutDefinition = try decode(try readText(layoutPath, hashInto: &hashed), file: layoutPath, shape: .layout)
        return SheetFiles(pipelines: pipelines, fileRules: fileRules, layout: layout, hashed: hashed)
    }

    private static func readText(_ path: String, hashInto hashed: inout [UInt8]) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ETLError.configuration(file: path, location: "", problem: "cannot be read as UTF-8 text")
        }
        hashed += Array(path.split(separator: "/").last!.utf8) + [0] + Array(SHA256.hexDigest(Array(data)).utf8)
        return text
    }

    /// Decodes YAML after checking its keys, turning Yams' and Codable's errors into one line that names the
    /// line and key path to fix.
    static func decode<T: Decodable>(_ text: String, file: String, shape: YAMLShape) throws -> T {
        let node: Node
        do {
            // No implicit tags (`Resolver.basic`): `Decodable` reads each scalar's text as its field's type,
            // so resolving tags (seven regular expressions per scalar, again on every key looked up) only
            // cost time: 40 % of loading the catalog. Yams' own `YAMLDecoder` resolves only merge keys (`<<`),
            // which no file of `Pipelines/` uses.
            guard let root = try Yams.compose(yaml: text, .basic) else {
                throw ETLError.configuration(file: file, location: "", problem: "the file is empty")
            }
            node = root
        } catch let error as ETLError {
            throw error
        } catch {
            throw ETLError.configuration(file: file, location: "", problem: "\(error)".replacingOccurrences(of: "\n", with: " "))
        }
        try shape.check(node, path: "", file: file)
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch let error as DecodingError {
            let (path, problem): ([any CodingKey], String) = switch error {
            case let .keyNotFound(key, context): (context.codingPath, "the key '\(key.stringValue)' is required")
            case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
                (context.codingPath, context.debugDescription)
            @unknown default: ([], "\(error)")
            }
            let keys = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
            let line = YAMLShape.line(of: path, in: node).map { "line \($0)" }
            let location = [line, keys.isEmpty ? nil : keys].compactMap { $0 }.joined(separator: ": ")
            throw ETLError.configuration(file: file, location: location, problem: problem)
        }
    }
}
