import ArgumentParser
import CommuneETL
import Foundation

/// `commune-etl sample`: realistic household lists with known faults, for demos, tests and benchmarks.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a deterministic household review list with known faults, or a whole demo inbox (household lists, commune summaries, indicator reports).",
        discussion: "The same --rows and --seed always give the same bytes."
    )

    @Option(help: "Number of household rows.")
    var rows = 100_000

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(help: "Share of rows carrying one fault each, 0 to 1.")
    var faultRate = 0.02

    @Option(help: "The CSV file to write (the bench task's layout: UTF-8 with BOM, CRLF).")
    var output: String?

    @Option(help: "Also write the planted faults (line, rule, field) to this CSV file.")
    var faults: String?

    @Option(help: "Write the demo inbox (several communes and years) into this folder instead.")
    var inbox: String?

    @OptionGroup var pipelines: PipelinesOption

    func validate() throws {
        guard (inbox == nil) != (output == nil) else { throw ValidationError("Give either --output FILE or --inbox DIR.") }
        guard (0...1).contains(faultRate) else { throw ValidationError("--fault-rate '\(faultRate)' must lie between 0 and 1.") }
    }

    func run() throws {
        let catalog = try pipelines.loadCatalog()
        let communes = SampleCommune.planUnits(of: catalog.registry)
        if let inbox {
            try HouseholdSampleGenerator.writeSampleInbox(to: inbox, communes: communes, tables: catalog.encodingTables)
            return
        }
        var options = HouseholdSampleOptions(rows: rows, seed: seed, communes: communes)
        options.faultRate = faultRate
        options.sourceFile = URL(fileURLWithPath: output!).lastPathComponent
        let file = try OutputFile(creatingAt: output! + ".tmp")
        var planted = Array("line,rule,field\n".utf8)
        try HouseholdSampleGenerator.generate(options, write: { try file.write($0) }, fault: { fault in
            planted += Array("\(fault.line),\(fault.rule),\(fault.field)\n".utf8)
        })
        try file.close()
        try DurableFileSystem.rename(output! + ".tmp", to: output!)
        if let faults { try DurableFileSystem.writeAtomically(planted, to: faults) }
    }
}
