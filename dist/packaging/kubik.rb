# Homebrew formula for kubik, filled in by scripts/release.sh (version, URL, SHA-256 of the tar.gz).
class Kubik < Formula
  desc "Local Kubernetes clusters described in a Groovy DSL"
  homepage "@HOMEPAGE@"
  url "@URL_BASE@/kubik-@VERSION@.tar.gz"
  sha256 "@SHA256_TGZ@"
  license "Apache-2.0"

  depends_on "openjdk@17"

  def install
    libexec.install Dir["*"]
    (bin/"kubik").write_env_script libexec/"bin/kubik", Language::Java.overridable_java_home_env("17")
    bash_completion.install libexec/"completions/kubik.bash" => "kubik"
    fish_completion.install libexec/"completions/kubik.fish"
  end

  test do
    assert_match "kubik @VERSION@", shell_output("#{bin}/kubik --version")
    assert_match "version: @VERSION@", shell_output("#{bin}/kubik version")
  end
end
