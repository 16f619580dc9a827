import Foundation
import Testing
@testable import CommuneETL

extension Targets {
    /// The repository's indicator catalogue, and the mistakes in it the loader refuses.
    struct IndicatorCatalogueTests {
        static func repositoryCatalogue() throws -> IndicatorCatalogue {
            var hashed: [UInt8] = []
            return try IndicatorCatalogue.load(from: RepositoryPaths.pipelines, hashInto: &hashed)
        }

        /// The codes other parts of the project already use; renaming one breaks them.
        static let fixedCodes = [
            "poor_households", "poor_rate", "near_poor_households", "near_poor_rate", "labour_trained", "labour_certified",
            "training_need_met_rate", "jobs_created", "jobs_in_companies", "workers_abroad", "houses_built",
            "housing_standard_rate", "water_works", "hygienic_water_rate", "latrines_built", "hygienic_latrine_rate",
            "health_insurance_rate", "stunting_rate", "underweight_rate", "funding_total", "funding_state_budget",
            "funding_credit", "funding_other", "agri_value_per_ha", "grain_output", "meat_output", "ocop_products",
            "forest_cover_rate", "hitech_area", "tourist_arrivals",
        ]

        @Test func theRepositoryCatalogueHoldsEveryFixedCode() throws {
            let catalogue = try Self.repositoryCatalogue()
            for code in Self.fixedCodes {
                #expect(catalogue.index(ofCode: code) != nil, "\(code)")
            }
        }

        @Test func everyIndicatorIsOwnedByAKnownOffice() throws {
            let catalogue = try Self.repositoryCatalogue()
            #expect(catalogue.offices.map(\.id) == ["ldtbxh", "nnptnt", "ktht", "gddt", "vp-ubnd", "vhtt", "nhcsxh", "ubnd-xa"])
            for indicator in catalogue.indicators {
                #expect(catalogue.office(indicator.owner) != nil, "\(indicator.code)")
            }
            #expect(catalogue.indicator("funding_credit")?.owner == "nhcsxh")
            #expect(catalogue.indicator("tourist_arrivals")?.owner == "vhtt")
        }

        @Test func loadingAddsBothFilesToTheFingerprint() throws {
            var hashed: [UInt8] = []
            _ = try IndicatorCatalogue.load(from: RepositoryPaths.pipelines, hashInto: &hashed)
            let text = String(decoding: hashed, as: UTF8.self)
            #expect(text.hasPrefix("offices.yaml\0"))
            #expect(text.contains("indicators.yaml\0"))
            #expect(hashed.count == "offices.yaml".utf8.count + "indicators.yaml".utf8.count + 2 + 2 * 64)
        }

        @Test(arguments: [
            ("Số lao động được đào tạo nghề", "labour_trained"),
            ("SO LAO DONG DUOC DAO TAO NGHE", "labour_trained"),
            ("Tuyển mới, đào tạo nghề", "labour_trained"),
            ("  Lao động được cấp văn bằng,  chứng chỉ ", "labour_certified"),
            ("Tỷ lệ tham gia BHYT", "health_insurance_rate"),
            ("Nhà tiêu hợp vệ sinh làm mới", "latrines_built"),
            ("Vốn tín dụng", "funding_credit"),
        ])
        func aReportNamesAnIndicatorInAnySpelling(written: String, code: String) throws {
            let catalogue = try Self.repositoryCatalogue()
            #expect(catalogue.index(ofName: written) == catalogue.index(ofCode: code))
        }

        @Test func anUnknownNameFindsNothing() throws {
            #expect(try Self.repositoryCatalogue().index(ofName: "Số con gà") == nil)
        }

        @Test(arguments: [
            ("health_insurance_rate", "%", true), ("health_insurance_rate", "(%)", true),
            ("health_insurance_rate", "Tỷ lệ %", true), ("health_insurance_rate", "tỷ lệ", true),
            ("health_insurance_rate", "người", false), ("health_insurance_rate", "", false),
            ("labour_trained", "Người", true), ("labour_trained", "LĐ", true), ("labour_trained", "lao dong", true),
            ("latrines_built", "cái", true), ("latrines_built", "Nhà tiêu", true), ("latrines_built", "công trình", true),
            ("houses_built", "cái", false), ("funding_total", "Triệu đồng", true), ("funding_total", "tr.đ", true),
            ("agri_value_per_ha", "triệu đồng/ha", true), ("agri_value_per_ha", "triệu đồng", false),
        ])
        func aUnitMatchesOnlyItsOwnSpellings(code: String, written: String, matches: Bool) throws {
            let catalogue = try Self.repositoryCatalogue()
            let index = try #require(catalogue.index(ofCode: code))
            #expect(catalogue.unitMatches(written, indicator: index) == matches)
        }
    }
}

/// The namespace of this folder's suites, so that `swift test --filter Targets` runs them all.
enum Targets {}
