package io.lanyard.systemtest.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import io.lanyard.systemtest.harness.Device;
import io.lanyard.systemtest.harness.LanyardSystem;
import io.lanyard.systemtest.harness.SystemExtension;
import io.lanyard.systemtest.harness.Tenant;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UnboundID's SCIM 2.0 client, which refuses any response that does not follow RFC 7643/7644 to the
 * letter (unknown attributes, wrong schemas, wrong media types), against the real services.
 */
@ExtendWith(SystemExtension.class)
class ScimSdkClientTest {

  private static final String PAPERCUT = "urn:ietf:params:scim:schemas:extension:papercut:2.0:User";
  private static final String CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  private static Client client;
  private static ScimService scim;
  private static Device device;

  @BeforeAll
  static void connect(LanyardSystem system) {
    Tenant tenant = system.createTenant("scim-sdk");
    Tenant.ScimEndpoint endpoint = tenant.issueScimToken();
    device = tenant.registerDevice("SDK test MFD");
    client = jersey(endpoint.secretToken());
    scim = new ScimService(client.target(endpoint.tenantUrl()));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static Client jersey(String bearer) {
    ClientConfig config = new ClientConfig();
    config.property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true);
    ClientRequestFilter authorization =
        request -> request.getHeaders().putSingle("Authorization", "Bearer " + bearer);
    config.register(authorization);
    return ClientBuilder.newClient(config);
  }

  @Test
  void discoveryDescribesWhatIsSupported() throws ScimException {
    ServiceProviderConfigResource config = scim.getServiceProviderConfig();
    assertTrue(config.getPatch().isSupported());
    assertTrue(config.getFilter().isSupported());
    assertTrue(config.getEtag().isSupported());
    assertFalse(config.getBulk().isSupported());
    assertFalse(config.getSort().isSupported());
    assertFalse(config.getChangePassword().isSupported());

    ListResponse<ResourceTypeResource> types = scim.getResourceTypes();
    assertEquals(1, types.getTotalResults(), "only Users; Groups are not supported");
    ResourceTypeResource users = types.getResources().get(0);
    assertEquals("/Users", users.getEndpoint().toString());
    assertEquals(CORE_USER, users.getSchema().toString());
    assertEquals(PAPERCUT, users.getSchemaExtensions().iterator().next().getSchema().toString());

    ListResponse<SchemaResource> schemas = scim.getSchemas();
    Set<String> ids =
        schemas.getResources().stream().map(SchemaResource::getId).collect(Collectors.toSet());
    assertTrue(ids.containsAll(Set.of(CORE_USER, PAPERCUT)), ids.toString());
    SchemaResource papercut = scim.getSchema(PAPERCUT);
    Set<String> attributes =
        papercut.getAttributes().stream().map(a -> a.getName()).collect(Collectors.toSet());
    assertEquals(Set.of("accessCode", "accessCard"), attributes);
  }

  @Test
  void aUserLivesThroughCreateReadReplacePatchAndDelete() throws ScimException {
    UserResource created = scim.create("Users", user("sdk.alice", "582139", "AB12CD34"));
    assertNotNull(created.getId());
    assertEquals("sdk.alice@scim-sdk.example", created.getUserName());
    assertEquals("ext-sdk.alice", created.getExternalId());
    assertTrue(created.getActive());
    assertNotNull(created.getMeta().getCreated());
    assertNotNull(created.getMeta().getVersion(), "an ETag");
    assertTrue(created.getMeta().getLocation().toString().endsWith("/Users/" + created.getId()));
    assertNull(created.getExtensionObjectNode().get(PAPERCUT), "the code is never returned");
    assertEquals(200, device.awaitCodeLogin("582139", 200).status());
    assertEquals(200, device.awaitCardLogin("AB12CD34", 200).status());

    UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
    assertEquals(created.getUserName(), read.getUserName());
    assertEquals("work", read.getEmails().get(0).getType());

    read.setDisplayName("Alice Replaced");
    UserResource replaced = scim.replace(read);
    assertEquals("Alice Replaced", replaced.getDisplayName());
    assertNotEquals(created.getMeta().getVersion(), replaced.getMeta().getVersion());

    UserResource suspended =
        scim.modifyRequest("Users", created.getId())
            .replaceValue("active", false)
            .invoke(UserResource.class);
    assertFalse(suspended.getActive());
    assertEquals(401, device.awaitCodeLogin("582139", 401).status());

    UserResource reactivated =
        scim.modifyRequest("Users", created.getId())
            .replaceValue("active", true)
            .invoke(UserResource.class);
    assertTrue(reactivated.getActive());
    assertEquals(200, device.awaitCodeLogin("582139", 200).status());

    scim.delete("Users", created.getId());
    assertThrows(
        ResourceNotFoundException.class,
        () -> scim.retrieve("Users", created.getId(), UserResource.class));
    assertEquals(401, device.awaitCodeLogin("582139", 401).status());
  }

  @Test
  void theNameAndExternalIdReadBackAsSentAndAPutNeedsAUserName() throws ScimException {
    UserResource nora = user("sdk.nora", null, null);
    nora.setExternalId(null);
    nora.setName(
        new Name()
            .setFormatted("Ms. Nora J. Nobody")
            .setGivenName("Nora")
            .setFamilyName("Nobody")
            .setMiddleName("J.")
            .setHonorificPrefix("Ms."));
    UserResource created = scim.create("Users", nora);
    UserResource read = scim.retrieve("Users", created.getId(), UserResource.class);
    for (UserResource answer : List.of(created, read)) {
      assertNull(answer.getExternalId(), "RFC 7643 §3.1: only the client sets externalId");
      assertEquals(nora.getName(), answer.getName());
      assertEquals("sdk.nora", answer.getDisplayName());
    }

    UserResource patched =
        scim.modifyRequest("Users", created.getId())
            .replaceValue("name.givenName", "Norah")
            .invoke(UserResource.class);
    assertEquals("Norah", patched.getName().getGivenName());
    assertEquals("Nobody", patched.getName().getFamilyName());
    assertEquals("Ms. Nora J. Nobody", patched.getName().getFormatted());
    assertEquals("sdk.nora", patched.getDisplayName(), "a PATCH changes what it names only");
    assertEquals(
        1,
        scim.searchRequest("Users")
            .filter("name.givenName eq \"NORAH\" and name.middleName pr")
            .invoke(UserResource.class)
            .getTotalResults());

    UserResource withoutUserName = scim.retrieve("Users", created.getId(), UserResource.class);
    withoutUserName.setUserName(null);
    withoutUserName.setDisplayName("Nobody At All");
    BadRequestException refused =
        assertThrows(BadRequestException.class, () -> scim.replace(withoutUserName));
    assertEquals("invalidValue", refused.getScimError().getScimType());
    UserResource unchanged = scim.retrieve("Users", created.getId(), UserResource.class);
    assertEquals("sdk.nora@scim-sdk.example", unchanged.getUserName());
    assertEquals("sdk.nora", unchanged.getDisplayName());
    assertEquals(patched.getMeta().getVersion(), unchanged.getMeta().getVersion());
  }

  @Test
  void aFilterOnAnAttributeTheServerDoesNotKeepIsRefused() {
    BadRequestException refused =
        assertThrows(
            BadRequestException.class,
            () ->
                scim.searchRequest("Users")
                    .filter("title eq \"Printer whisperer\"")
                    .invoke(UserResource.class));
    assertEquals("invalidFilter", refused.getScimError().getScimType());
    assertTrue(refused.getScimError().getDetail().contains("title"));
  }

  @Test
  void aStaleVersionIsRefused() throws ScimException {
    UserResource created = scim.create("Users", user("sdk.bob", null, null));
    String stale = created.getMeta().getVersion();
    scim.modifyRequest("Users", created.getId())
        .ifMatch(stale)
        .replaceValue("displayName", "Bob One")
        .invoke(UserResource.class);

    assertThrows(
        PreconditionFailedException.class,
        () ->
            scim.modifyRequest("Users", created.getId())
                .ifMatch(stale)
                .replaceValue("displayName", "Bob Two")
                .invoke(UserResource.class));
    assertEquals(
        "Bob One", scim.retrieve("Users", created.getId(), UserResource.class).getDisplayName());
  }

  @Test
  void duplicatesAndBadValuesAreRefusedWithScimErrors() throws ScimException {
    scim.create("Users", user("sdk.carol", "730461", null));

    ResourceConflictException sameName =
        assertThrows(
            ResourceConflictException.class,
            () -> scim.create("Users", user("sdk.carol", null, null)));
    assertEquals("uniqueness", sameName.getScimError().getScimType());

    ResourceConflictException sameCode =
        assertThrows(
            ResourceConflictException.class,
            () -> scim.create("Users", user("sdk.dave", "730461", null)));
    assertEquals("uniqueness", sameCode.getScimError().getScimType());

    BadRequestException tooShort =
        assertThrows(
            BadRequestException.class, () -> scim.create("Users", user("sdk.erin", "12", null)));
    assertEquals("invalidValue", tooShort.getScimError().getScimType());
    assertEquals(
        0,
        scim.searchRequest("Users")
            .filter(Filter.eq("userName", "sdk.erin@scim-sdk.example").toString())
            .invoke(UserResource.class)
            .getTotalResults(),
        "a refused create leaves nothing behind");

    BadRequestException badFilter =
        assertThrows(
            BadRequestException.class,
            () -> scim.searchRequest("Users").filter("userName eq").invoke(UserResource.class));
    assertEquals("invalidFilter", badFilter.getScimError().getScimType());

    assertThrows(
        ResourceNotFoundException.class,
        () -> scim.retrieve("Users", "00000000-0000-0000-0000-000000000000", UserResource.class));
  }

  @Test
  void searchesFilterPageAndTrimAttributes() throws ScimException {
    for (String name : List.of("sdk.page1", "sdk.page2", "sdk.page3")) {
      scim.create("Users", user(name, null, null));
    }
    String filter = Filter.sw("userName", "sdk.page").toString();

    ListResponse<UserResource> first =
        scim.searchRequest("Users").filter(filter).page(1, 2).invoke(UserResource.class);
    assertEquals(3, first.getTotalResults());
    assertEquals(2, first.getItemsPerPage());
    assertEquals(1, first.getStartIndex());
    ListResponse<UserResource> rest =
        scim.searchRequest("Users").filter(filter).page(3, 2).invoke(UserResource.class);
    assertEquals(1, rest.getResources().size());

    ListResponse<UserResource> byWorkEmail =
        scim.searchRequest("Users")
            .filter("emails[type eq \"work\"].value eq \"sdk.page2@scim-sdk.example\"")
            .attributes("userName")
            .invoke(UserResource.class);
    assertEquals(1, byWorkEmail.getTotalResults());
    UserResource trimmed = byWorkEmail.getResources().get(0);
    assertEquals("sdk.page2@scim-sdk.example", trimmed.getUserName());
    assertNotNull(trimmed.getId(), "id is always returned");
    assertNull(trimmed.getEmails(), "only the attributes asked for");
  }

  @Test
  void anotherTenantsTokenIsUnauthorized(LanyardSystem system) {
    Tenant.ScimEndpoint other = system.createTenant("scim-sdk-other").issueScimToken();
    Client intruder = jersey(other.secretToken());
    try {
      String ourTenantUrl = other.tenantUrl().replace("/scim-sdk-other", "/scim-sdk");
      ScimService wrong = new ScimService(intruder.target(ourTenantUrl));
      assertThrows(
          UnauthorizedException.class,
          () -> wrong.searchRequest("Users").invoke(UserResource.class));
    } finally {
      intruder.close();
    }
  }

  private static UserResource user(String name, String code, String card) {
    String email = name + "@scim-sdk.example";
    UserResource user = new UserResource();
    user.setUserName(email);
    user.setExternalId("ext-" + name);
    user.setDisplayName(name);
    user.setActive(true);
    user.setEmails(List.of(new Email().setValue(email).setType("work").setPrimary(true)));
    if (code != null || card != null) {
      ObjectNode papercut = user.getExtensionObjectNode().putObject(PAPERCUT);
      if (code != null) {
        papercut.put("accessCode", code);
      }
      if (card != null) {
        papercut.put("accessCard", card);
      }
      user.setSchemaUrns(CORE_USER, PAPERCUT);
    }
    return user;
  }
}
