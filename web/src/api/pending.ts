// Wire types of the issue-14 operations not yet in proto/ (shapes from the wave-2 API notes): the key check fields
// of branch keycheck. Replaced by the generated types of proto/auth.openapi.yaml once it documents them.

/** What the provider last said about a stored key: when it was checked, its credit limit and usage. */
export interface KeyCheck {
  validated_at: string | null;
  limit: number | null;
  usage: number | null;
}
