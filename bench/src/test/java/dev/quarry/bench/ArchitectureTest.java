package dev.quarry.bench;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The module boundaries of docs/architecture.md, checked on the bytecode of every module (the bench
 * module's test classpath holds them all). Test classes are not checked.
 */
@AnalyzeClasses(packages = "dev.quarry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] CORE_MODULES = {
    "dev.quarry.core..", "dev.quarry.index..", "dev.quarry.query..", "dev.quarry.engine.."
  };

  @ArchTest
  static final ArchRule internalsStayInIndex =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.quarry.index..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.quarry.index.internal..")
          .because("index.internal is the index module's implementation, not an API");

  @ArchTest
  static final ArchRule coreDependsOnNoOtherQuarryPackage =
      noClasses()
          .that()
          .resideInAPackage("dev.quarry.core..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("dev.quarry..").and(resideOutsideOfPackage("dev.quarry.core..")))
          .because("core is the base module every other one builds on");

  @ArchTest
  static final ArchRule indexUsesNeitherQueryNorEngine =
      noClasses()
          .that()
          .resideInAPackage("dev.quarry.index..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.quarry.query..", "dev.quarry.engine..");

  @ArchTest
  static final ArchRule queryDoesNotUseEngine =
      noClasses()
          .that()
          .resideInAPackage("dev.quarry.query..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.quarry.engine..");

  @ArchTest
  static final ArchRule coreModulesUseNoFrameworkNorAdapter =
      noClasses()
          .that()
          .resideInAnyPackage(CORE_MODULES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.quarry.langchain4j..",
              "dev.quarry.springai..",
              "dev.quarry.bench..",
              "dev.langchain4j..",
              "org.springframework..")
          .because("framework adapters live under integrations/, on top of the core modules");

  @ArchTest
  static final ArchRule coreModulesDoNotUseTheServer =
      noClasses()
          .that()
          .resideInAnyPackage(CORE_MODULES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.quarry.server..", "io.javalin..", "org.eclipse.jetty..")
          .because(
              "the server sits on top of the engine and adds `quarry serve` through CliPlugin"
                  + " (decision 0051)");

  @ArchTest
  static final ArchRule coreModulesDoNotUseExplore =
      noClasses()
          .that()
          .resideInAnyPackage(CORE_MODULES)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.quarry.explore..", "tagbio.umap..")
          .because("explore sits on top of the engine and adds its commands through CliPlugin");

  @ArchTest
  static final ArchRule exploreDoesNotUseTheServer =
      noClasses()
          .that()
          .resideInAPackage("dev.quarry.explore..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.quarry.server..", "io.javalin..", "org.eclipse.jetty..")
          .because("the server uses explore for the page's map, not the other way (decision 0106)");

  /** The public API: core, index (not internal or spi), query (not spi), engine. */
  private static final DescribedPredicate<JavaClass> API_PACKAGE =
      resideInAnyPackage("dev.quarry.core..", "dev.quarry.index", "dev.quarry.query..")
          .or(resideInAPackage("dev.quarry.engine.."))
          .and(resideOutsideOfPackage("dev.quarry.query.spi.."))
          .as("in an API package");

  @ArchTest
  static final ArchRule apiHandsOutNoLuceneType =
      members()
          .that(
              DescribedPredicate.describe(
                  "are public or protected members of public types in API packages",
                  ArchitectureTest::isApiMember))
          .should(nameNoLuceneType())
          .allowEmptyShould(false);

  private static boolean isApiMember(JavaMember member) {
    Set<JavaModifier> modifiers = member.getModifiers();
    return (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
        && API_PACKAGE.test(member.getOwner())
        && isVisible(member.getOwner());
  }

  /** Public, and so is every type it is nested in. */
  private static boolean isVisible(JavaClass type) {
    return type.getModifiers().contains(JavaModifier.PUBLIC)
        && type.getEnclosingClass().map(ArchitectureTest::isVisible).orElse(true);
  }

  private static ArchCondition<JavaMember> nameNoLuceneType() {
    return new ArchCondition<>("name no org.apache.lucene type in their signature") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        for (JavaClass type : signatureTypes(member)) {
          if (type.getPackageName().startsWith("org.apache.lucene")) {
            events.add(
                SimpleConditionEvent.violated(
                    member, member.getFullName() + " names " + type.getName()));
          }
        }
      }
    };
  }

  /** Raw types of the parameters, return, throws clause, type parameters' bounds, or field type. */
  private static Set<JavaClass> signatureTypes(JavaMember member) {
    List<JavaType> types = new ArrayList<>();
    if (member instanceof JavaField field) {
      types.add(field.getType());
    } else if (member instanceof JavaCodeUnit unit) {
      types.addAll(unit.getParameterTypes());
      types.add(unit.getReturnType());
      unit.getThrowsClause().getTypes().forEach(types::add);
      types.addAll(unit.getTypeParameters());
    }
    Set<JavaClass> raw = new LinkedHashSet<>();
    types.forEach(t -> raw.addAll(t.getAllInvolvedRawTypes()));
    return raw;
  }
}
