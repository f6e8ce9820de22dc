// The registry's lookups and the builder that extension files use to declare themselves.
#include "sieve/extensions/registry.h"

#include <algorithm>

#include "sieve/extensions/extensions.h"

namespace sievegate::policy {

const char* arg_type_name(ArgType type) {
  switch (type) {
    case ArgType::kString: return "a string";
    case ArgType::kStringList: return "a string list";
    case ArgType::kNumber: return "a number";
  }
  return "?";
}

const TagSpec* CommandSpec::find_tag(std::string_view tag) const {
  for (const TagSpec& t : tags) {
    if (t.name == tag) return &t;
  }
  return nullptr;
}

bool CommandSpec::has_group(TagGroup group) const {
  return std::any_of(tags.begin(), tags.end(),
                     [group](const TagSpec& t) { return t.group == group; });
}

std::size_t CommandSpec::required_positionals() const {
  return static_cast<std::size_t>(std::count_if(
      positional.begin(), positional.end(), [](const PositionalSpec& p) { return !p.optional; }));
}

std::vector<int> CommandSpec::assign_positionals(std::size_t given) const {
  std::size_t required = required_positionals();
  std::size_t optional_to_fill = given > required ? given - required : 0;
  std::vector<int> out;
  int next = 0;
  for (const PositionalSpec& p : positional) {
    if (p.optional) {
      if (optional_to_fill == 0) {
        out.push_back(-1);
        continue;
      }
      --optional_to_fill;
    }
    out.push_back(static_cast<std::size_t>(next) < given ? next++ : -1);
  }
  return out;
}

const Registry& Registry::standard() {
  static const Registry registry = [] {
    Registry r;
    RegistryBuilder builder(r);
    extensions::register_all(builder);
    builder.finish();
    return r;
  }();
  return registry;
}

template <typename Map>
static const typename Map::mapped_type* find_in(const Map& map, std::string_view key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

const CommandSpec* Registry::command(std::string_view name) const {
  return find_in(commands_, name);
}
const ExtensionSpec* Registry::extension(std::string_view name) const {
  return find_in(extensions_, name);
}
const ComparatorSpec* Registry::comparator(std::string_view name) const {
  return find_in(comparators_, name);
}
const NamespaceSpec* Registry::variable_namespace(std::string_view name) const {
  return find_in(namespaces_, name);
}

std::vector<std::string> Registry::command_names(bool tests) const {
  std::vector<std::string> names;
  for (const auto& [name, spec] : commands_) {
    if (spec.is_test == tests) names.push_back(name);
  }
  return names;
}

std::vector<std::string> Registry::extension_names() const {
  std::vector<std::string> names;
  for (const auto& [name, spec] : extensions_) names.push_back(name);
  return names;
}

// ------------------------------------------------------------------ CommandBuilder

CommandBuilder& CommandBuilder::tag(TagSpec tag) {
  spec_.tags.push_back(std::move(tag));
  return *this;
}

CommandBuilder& CommandBuilder::flag(std::string name, TagGroup group) {
  TagSpec t;
  t.name = std::move(name);
  t.group = group;
  return tag(std::move(t));
}

CommandBuilder& CommandBuilder::tag_with(std::string name, ArgType type,
                                         std::string parameter_name, TagGroup group) {
  TagSpec t;
  t.name = std::move(name);
  t.group = group;
  t.parameter = type;
  t.parameter_name = std::move(parameter_name);
  return tag(std::move(t));
}

CommandBuilder& CommandBuilder::positional(std::string name, ArgType type) {
  spec_.positional.push_back({std::move(name), type, false});
  return *this;
}

CommandBuilder& CommandBuilder::optional(std::string name, ArgType type) {
  spec_.positional.push_back({std::move(name), type, true});
  return *this;
}

CommandBuilder& CommandBuilder::sub_tests(SubTests kind) {
  spec_.sub_tests = kind;
  return *this;
}

CommandBuilder& CommandBuilder::block() {
  spec_.block = true;
  return *this;
}

CommandBuilder& CommandBuilder::require_group(TagGroup group) {
  spec_.required_groups.push_back(group);
  return *this;
}

CommandBuilder& CommandBuilder::check(CheckFn fn) {
  spec_.checks.push_back(std::move(fn));
  return *this;
}

CommandBuilder& CommandBuilder::generate(GenerateFn fn) {
  spec_.generate = fn;
  return *this;
}

CommandBuilder& CommandBuilder::execute(ExecuteFn fn) {
  spec_.execute = fn;
  return *this;
}

CommandBuilder& CommandBuilder::comparator() {
  return tag_with("comparator", ArgType::kString, "comparator-name", TagGroup::kComparator);
}

CommandBuilder& CommandBuilder::match_type() {
  flag("is", TagGroup::kMatchType);
  TagSpec contains{"contains", "", TagGroup::kMatchType, std::nullopt, "", true, {}};
  TagSpec matches{"matches", "", TagGroup::kMatchType, std::nullopt, "", true, {}};
  tag(contains);
  return tag(matches);
}

CommandBuilder& CommandBuilder::address_part() {
  flag("all", TagGroup::kAddressPart);
  flag("localpart", TagGroup::kAddressPart);
  return flag("domain", TagGroup::kAddressPart);
}

// ------------------------------------------------------------------ RegistryBuilder

void RegistryBuilder::extension(ExtensionSpec spec) {
  std::string name = spec.name;
  registry_.extensions_[name] = std::move(spec);
}

CommandBuilder RegistryBuilder::add(std::string name, std::string extension, bool is_test) {
  CommandSpec& spec = registry_.commands_[name];
  spec.name = std::move(name);
  spec.extension = std::move(extension);
  spec.is_test = is_test;
  return CommandBuilder(spec);
}

CommandBuilder RegistryBuilder::command(std::string name, std::string extension) {
  return add(std::move(name), std::move(extension), false);
}

CommandBuilder RegistryBuilder::test(std::string name, std::string extension) {
  return add(std::move(name), std::move(extension), true);
}

void RegistryBuilder::tag(std::string command, TagSpec tag) {
  pending_tags_.emplace_back(std::move(command), std::move(tag));
}

void RegistryBuilder::tag_for_group(TagGroup group, TagSpec tag) {
  pending_group_tags_.emplace_back(group, std::move(tag));
}

void RegistryBuilder::check(std::string command, CheckFn fn) {
  pending_checks_.emplace_back(std::move(command), std::move(fn));
}

void RegistryBuilder::stages(std::string command, GenerateFn generate, ExecuteFn execute) {
  pending_stages_.emplace_back(std::move(command), generate, execute);
}

void RegistryBuilder::check_for_group(TagGroup group, CheckFn fn) {
  pending_group_checks_.emplace_back(group, std::move(fn));
}

void RegistryBuilder::comparator(ComparatorSpec spec) {
  std::string name = spec.name;
  registry_.comparators_[name] = std::move(spec);
}

void RegistryBuilder::variable_namespace(NamespaceSpec spec) {
  std::string name = spec.name;
  registry_.namespaces_[name] = std::move(spec);
}

void RegistryBuilder::finish() {
  for (auto& [command, tag] : pending_tags_) {
    auto it = registry_.commands_.find(command);
    if (it != registry_.commands_.end()) it->second.tags.push_back(tag);
  }
  for (auto& [group, tag] : pending_group_tags_) {
    for (auto& [name, spec] : registry_.commands_) {
      if (spec.has_group(group) && spec.find_tag(tag.name) == nullptr) spec.tags.push_back(tag);
    }
  }
  for (auto& [command, fn] : pending_checks_) {
    auto it = registry_.commands_.find(command);
    if (it != registry_.commands_.end()) it->second.checks.push_back(fn);
  }
  for (auto& [group, fn] : pending_group_checks_) {
    for (auto& [name, spec] : registry_.commands_) {
      if (spec.has_group(group)) spec.checks.push_back(fn);
    }
  }
  for (auto& [command, generate, execute] : pending_stages_) {
    auto it = registry_.commands_.find(command);
    if (it == registry_.commands_.end()) continue;
    it->second.generate = generate;
    it->second.execute = execute;
  }
  pending_stages_.clear();
  pending_group_checks_.clear();
  pending_tags_.clear();
  pending_group_tags_.clear();
  pending_checks_.clear();
}

}  // namespace sievegate::policy
