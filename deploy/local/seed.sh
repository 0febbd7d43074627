# The demo data of ./lanyard up, created through the public API (so it is also a smoke test):
# tenants acme and globex, and the realm's demo users as Lanyard users. Idempotent: 409 is fine.

IDENTITY_URL="http://127.0.0.1:8081"

seed_post() {
  # seed_post <token> <path> <json> <what>
  local status
  status=$(curl -s -o "$LOG_DIR/seed-last.json" -w '%{http_code}' --max-time 10 -X POST \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' -d "$3" "$IDENTITY_URL$2") ||
    fail "identity-service did not answer while creating $4"
  case $status in
    201) info "  created $4" ;;
    409) ;;
    *) fail "creating $4 answered $status: $(cat "$LOG_DIR/seed-last.json")" ;;
  esac
}

seed_demo_data() {
  step "demo data (tenants acme, globex and their users)"
  local operator admin
  operator=$(keycloak_token acme operator)
  seed_post "$operator" /ops/v1/tenants '{"id":"acme","name":"Acme Corp"}' "tenant acme"
  seed_post "$operator" /ops/v1/tenants '{"id":"globex","name":"Globex Corporation"}' "tenant globex"
  for tenant in acme globex; do
    admin=$(keycloak_token "$tenant" admin)
    for who in admin user; do
      seed_post "$admin" /admin/v1/users \
        "{\"username\":\"$tenant-$who\",\"displayName\":\"${tenant^} ${who^}\",\"email\":\"$who@$tenant.example\"}" \
        "user $tenant-$who"
    done
  done
  ok "demo data in place"
}
