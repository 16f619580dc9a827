import Foundation
import Testing
@testable import CommuneETL

extension Targets {
    /// A copy of the repository's `offices.yaml` and `indicators.yaml` with one mistake, and the error the
    /// loader refuses it with.
    struct IndicatorConfigurationTests {
        typealias Edit = PipelinesEdit

        static let refused: [Edit] = [
            Edit(file: "indicators.yaml", find: "  - code: labour_certified\n", replace: "  - code: labour_certified\n    colour: blue\n",
                 location: "line 122: indicators[6].colour",
                 problem: "unknown key 'colour'; known keys: aliases, code, district, measure, name, owner, parent, parts, section, source, table, unit, unit_aliases"),
            Edit(file: "indicators.yaml", find: "  - code: jobs_created\n", replace: "  - code: labour_trained\n",
                 location: "indicators[7] (labour_trained).code", problem: "the code 'labour_trained' is used twice"),
            Edit(file: "indicators.yaml", find: "    owner: nhcsxh\n", replace: "    owner: nhcs\n",
                 location: "indicators[66] (funding_credit).owner",
                 problem: "unknown office 'nhcs'; known: ldtbxh, nnptnt, ktht, gddt, vp-ubnd, vhtt, nhcsxh, ubnd-xa"),
            Edit(file: "indicators.yaml", find: "    parent: jobs_created\n", replace: "    parent: jobs_create\n",
                 location: "indicators[8] (jobs_in_companies).parent", problem: "unknown indicator 'jobs_create'"),
            Edit(file: "indicators.yaml", find: "    parent: jobs_created\n", replace: "    parent: houses_built\n",
                 location: "indicators[8] (jobs_in_companies).parent",
                 problem: "the parent 'houses_built' is counted in 'nhà', this indicator in 'người'"),
            Edit(file: "indicators.yaml", find: "parts: [funding_state_budget, funding_credit, funding_other]",
                 replace: "parts: [funding_state_budget, funding_credit, funding_others]",
                 location: "indicators[64] (funding_total).parts", problem: "unknown indicator 'funding_others'"),
            Edit(file: "indicators.yaml", find: "aliases: [Vốn khác,", replace: "aliases: [Vốn tín dụng, Vốn khác,",
                 location: "indicators[67] (funding_other).aliases", problem: "the name 'Vốn tín dụng' also names the indicator funding_credit"),
            Edit(file: "indicators.yaml", find: "    unit_aliases: [căn, căn nhà, ngôi nhà]\n", replace: "    unit_aliases: [căn, cái]\n",
                 location: "indicators[61] (latrines_built).unit_aliases", problem: "the unit spelling 'cái' already stands for the unit 'nhà'"),
            Edit(file: "indicators.yaml", find: "  hộ: [hộ gia đình]\n", replace: "  hộ: [hộ gia đình]\n  con: [con gà]\n",
                 location: "units.con", problem: "no indicator has the unit 'con'"),
            Edit(file: "indicators.yaml", find: "    district: households_weighted\n    source: poverty-summary\n",
                 replace: "    district: average\n    source: poverty-summary\n",
                 location: "line 78: indicators[1].district",
                 problem: "Cannot initialize DistrictAggregation from invalid String value average"),
            Edit(file: "offices.yaml", find: "  - id: nnptnt\n", replace: "  - id: ldtbxh\n",
                 location: "offices[1] (ldtbxh)", problem: "the id 'ldtbxh' is used twice"),
            Edit(file: "offices.yaml", find: "    owns: \"access", replace: "    own: \"access",
                 location: "line 29: offices[5].own", problem: "unknown key 'own'; known keys: id, name, owns, section"),
        ]

        @Test(arguments: refused)
        func aMalformedCatalogueIsRefusedWithItsFileAndLocation(edit: Edit) throws {
            let scratch = try ScratchFolder()
            let (folder, file) = try edit.applied(in: scratch)
            var hashed: [UInt8] = []
            #expect(throws: ETLError.configuration(file: file, location: edit.location, problem: edit.problem)) {
                _ = try IndicatorCatalogue.load(from: folder, hashInto: &hashed)
            }
        }
    }
}
