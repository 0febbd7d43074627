package io.lanyard.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {

  private static final String CHANGED =
      """
      {"userId":"0b7d2a4e-8f7b-4c3e-9a51-0d4f2b1c6e11","tenantId":"acme",
       "codeHash":"k1:abc","codeCiphertext":"k1:def","reason":"admin",
       "notifyUser":false,"changedBy":"admin"}
      """;

  @Test
  void anEventAsTheSchemaDescribesItHasNoProblems() {
    assertEquals(List.of(), EventSchemas.problems(CredentialEvents.ACCESS_CODE_CHANGED, CHANGED));
  }

  @Test
  void aFieldTheSchemaDoesNotKnowIsAProblem() {
    String extra = CHANGED.replace("\"admin\",", "\"admin\",\"code\":\"1234\",");
    List<String> problems = EventSchemas.problems(CredentialEvents.ACCESS_CODE_CHANGED, extra);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("code"), problems.toString());
  }

  @Test
  void aMissingRequiredFieldAnUnknownCodedValueAndABadFormatAreProblems() {
    String broken =
        CHANGED
            .replace("0b7d2a4e-8f7b-4c3e-9a51-0d4f2b1c6e11", "not-a-uuid")
            .replace("\"reason\":\"admin\"", "\"reason\":\"because\"")
            .replace("\"notifyUser\":false,", "");
    List<String> problems = EventSchemas.problems(CredentialEvents.ACCESS_CODE_CHANGED, broken);
    assertEquals(3, problems.size(), problems.toString());
  }

  @Test
  void dataThatIsNotJsonIsAProblemNotACrash() {
    assertEquals(1, EventSchemas.problems(CredentialEvents.CARD_REMOVED, "{\"a\":").size());
  }

  @Test
  void requireValidNamesTheTypeAndEveryProblem() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventSchemas.requireValid(CredentialEvents.ACCESS_CODE_CHANGED, "{}"));
    assertTrue(refused.getMessage().startsWith("io.lanyard.credential.AccessCodeChanged.v1"));
    assertTrue(refused.getMessage().contains("codeHash"), refused.getMessage());
  }

  @Test
  void anUnregisteredTypeHasNoSchemaToMeet() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EventSchemas.problems(EventType.of("test", "Probed", 1), "{}"));
  }
}
