"""Conan 2 recipe for NES SDK. Keep the options in step with CMakeLists.txt."""

from conan import ConanFile
from conan.tools.cmake import CMake, CMakeDeps, CMakeToolchain, cmake_layout
from conan.tools.files import copy
import os


class NesConan(ConanFile):
    name = "nes"
    version = "0.1.0"
    description = "Apply for a Nitelikli Elektronik Sertifika (qualified e-signature certificate) from code"
    license = "proprietary"
    package_type = "library"
    settings = "os", "arch", "compiler", "build_type"
    options = {
        "shared": [True, False],
        "fPIC": [True, False],
        "with_tests": [True, False],
        "with_examples": [True, False],
        "with_benchmarks": [True, False],
        "with_fuzzers": [True, False],
        "warnings_as_errors": [True, False],
        "boost_json_from_source": [True, False],
    }
    default_options = {
        "shared": False,
        "fPIC": True,
        "with_tests": False,
        "with_examples": False,
        "with_benchmarks": False,
        "with_fuzzers": False,
        "warnings_as_errors": False,
        "boost_json_from_source": False,
        "boost/*:without_json": False,
        "boost/*:without_program_options": False,
    }

    def export_sources(self):
        # The recipe lives in conan/; the sources are the repository around it.
        root = os.path.join(self.recipe_folder, "..")
        for pattern in ("CMakeLists.txt", "cmake/*", "include/*", "src/*", "examples/*", "tests/*"):
            copy(self, pattern, src=root, dst=self.export_sources_folder)

    def config_options(self):
        if self.settings.os == "Windows":
            del self.options.fPIC

    def requirements(self):
        self.requires("boost/1.81.0", transitive_headers=True)
        self.requires("openssl/[>=3.0 <4]")
        self.requires("icu/72.1")
        self.requires("sqlite3/[>=3.40 <4]")  # the journal
        self.requires("libharu/2.4.3")  # the wet-signature PDF
        # libp11 and pcsc-lite are not in ConanCenter: they come from the system
        # (Debian: libp11-dev, libpcsclite-dev), as package_info says; so does
        # libqrencode (libqrencode-dev), found by pkg-config as they are.

    def build_requirements(self):
        self.tool_requires("cmake/[>=3.25]")
        if self.options.with_tests:
            self.test_requires("gtest/1.12.1")
        if self.options.with_benchmarks:
            self.test_requires("benchmark/1.7.1")

    def validate(self):
        from conan.tools.build import check_min_cppstd
        check_min_cppstd(self, "20")

    def layout(self):
        cmake_layout(self)

    def generate(self):
        tc = CMakeToolchain(self)
        tc.cache_variables["NES_BUILD_TESTS"] = bool(self.options.with_tests)
        tc.cache_variables["NES_BUILD_EXAMPLES"] = bool(self.options.with_examples)
        tc.cache_variables["NES_BUILD_BENCHMARKS"] = bool(self.options.with_benchmarks)
        tc.cache_variables["NES_BUILD_FUZZERS"] = bool(self.options.with_fuzzers)
        tc.cache_variables["NES_WARNINGS_AS_ERRORS"] = bool(self.options.warnings_as_errors)
        tc.cache_variables["NES_BOOST_JSON_FROM_SOURCE"] = bool(self.options.boost_json_from_source)
        tc.generate()
        CMakeDeps(self).generate()

    def build(self):
        cmake = CMake(self)
        cmake.configure()
        cmake.build()
        if self.options.with_tests:
            cmake.test()

    def package(self):
        CMake(self).install()

    def package_info(self):
        # The components of docs/architecture.md, as the CMake package names them.
        self.cpp_info.set_property("cmake_file_name", "nes")
        self.cpp_info.set_property("pkg_config_name", "nes")
        unix = self.settings.os in ("Linux", "FreeBSD")

        core = self.cpp_info.components["core"]
        core.set_property("cmake_target_name", "nes::core")
        core.set_property("pkg_config_name", "nes-core")
        core.libs = ["nes_core"]
        core.requires = ["boost::headers", "icu::icu-uc"]
        if not self.options.boost_json_from_source:
            core.requires.append("boost::json")

        client = self.cpp_info.components["client"]
        client.set_property("cmake_target_name", "nes::client")
        client.libs = ["nes_client"]
        client.defines = ["BOOST_ASIO_SEPARATE_COMPILATION", "BOOST_BEAST_SEPARATE_COMPILATION"]
        client.requires = ["core", "openssl::ssl", "openssl::crypto"]
        if unix:
            client.system_libs = ["pthread"]

        signing = self.cpp_info.components["signing"]
        signing.set_property("cmake_target_name", "nes::signing")
        signing.libs = ["nes_signing"]
        signing.requires = ["client", "openssl::crypto", "libharu::libharu"]
        if unix:
            signing.system_libs = ["p11", "pcsclite", "qrencode", "dl", "pthread"]

        journal = self.cpp_info.components["journal"]
        journal.set_property("cmake_target_name", "nes::journal")
        journal.libs = ["nes_journal"]
        journal.requires = ["core", "openssl::crypto", "sqlite3::sqlite3"]

        whole = self.cpp_info.components["nes"]
        whole.set_property("cmake_target_name", "nes::nes")
        whole.libs = ["nes"]
        whole.requires = ["core", "client", "signing", "journal"]
