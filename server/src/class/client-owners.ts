/** Page ids remembered at most: the oldest is forgotten past this. */
const MAX_CLIENTS = 20_000

/**
 * In a class, a page id (`client=`) belongs to the member who used it first: acting on a page
 * (dropping its connections, resetting its figures, reading its exchange log, reporting or posting
 * its result) takes being that member. A page id is otherwise a capability anyone who reads it can
 * use, and a class shows its pages' ids (the results carry them).
 */
export class ClientOwners {
  readonly #owners = new Map<string, string>()

  /** True when `client` is `owner`'s (now, if it was nobody's); false: another member's. */
  claim(client: string, owner: string): boolean {
    const known = this.#owners.get(client)
    if (known !== undefined) return known === owner
    if (this.#owners.size >= MAX_CLIENTS) {
      const oldest = this.#owners.keys().next().value
      if (oldest !== undefined) this.#owners.delete(oldest)
    }
    this.#owners.set(client, owner)
    return true
  }

  /** True when `client` was used by `owner` already. */
  owns(client: string, owner: string): boolean {
    return this.#owners.get(client) === owner
  }
}
