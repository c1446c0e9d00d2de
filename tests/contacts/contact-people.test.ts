import { describe, expect, it } from "vitest";
import {
  formatPeople,
  isSharedMailbox,
  mergePeople,
  needsPeopleMerge,
  peopleOf,
} from "../../src/contacts/contact-people.js";

describe("the people of a mailbox", () => {
  it("a name without ';' is one person, whose honorific and title are read whole", () => {
    expect(peopleOf({ honorific: "Dr", name: "Ana Rivera", title: "Director; ITU focal point" })).toEqual([
      { honorific: "Dr", name: "Ana Rivera", title: "Director; ITU focal point" },
    ]);
    expect(isSharedMailbox({ name: "Ana Rivera" })).toBe(false);
  });

  it("parallel '; ' lists are people in order, and format back to the same text", () => {
    const columns = { honorific: "Ms; Mr", name: "Ana Rivera; Ben Chen", title: "Director;" };
    const people = peopleOf(columns);
    expect(people).toEqual([
      { honorific: "Ms", name: "Ana Rivera", title: "Director" },
      { honorific: "Mr", name: "Ben Chen", title: "" },
    ]);
    expect(formatPeople(people)).toEqual(columns);
    expect(isSharedMailbox(columns)).toBe(true);
    expect(formatPeople(peopleOf({ name: "Ana Rivera;Ben Chen", honorific: " ; Mr" }))).toEqual({
      honorific: "; Mr",
      name: "Ana Rivera; Ben Chen",
      title: "",
    });
  });

  it("a ';' inside one person's value cannot shift the others: it becomes ','", () => {
    const merged = mergePeople(
      peopleOf({ name: "Ana Rivera", title: "Director; ITU focal point" }),
      peopleOf({ name: "Ben Chen", title: "Adviser" }),
      false,
    );
    const columns = formatPeople(merged.people);
    expect(columns.title).toBe("Director, ITU focal point; Adviser");
    expect(peopleOf(columns).map((p) => p.title)).toEqual(["Director, ITU focal point", "Adviser"]);
  });

  it("merging never drops a person: a new name is added, the same name (any case) is updated", () => {
    const current = peopleOf({ honorific: "Ms; Mr", name: "Ana Rivera; Ben Chen", title: "Director;" });
    const merged = mergePeople(current, [{ honorific: "", name: "BEN CHEN", title: "Adviser" }], false);
    expect(merged.people.map((p) => [p.name, p.title])).toEqual([
      ["Ana Rivera", "Director"],
      ["BEN CHEN", "Adviser"],
    ]);
    expect(merged.added).toEqual([]);
    const more = mergePeople(merged.people, [{ honorific: "Dr", name: "Carla Diaz", title: "" }], true);
    expect(more.people.map((p) => p.name)).toEqual(["Ana Rivera", "BEN CHEN", "Carla Diaz"]);
    expect(more.added.map((p) => p.name)).toEqual(["Carla Diaz"]);
  });

  it("needs the people merge only for a different person or a list, not for a repeat", () => {
    expect(needsPeopleMerge({ name: "Ana Rivera" }, { name: "Ana Rivera", title: "X" })).toBe(false);
    expect(needsPeopleMerge({ name: "Ana Rivera" }, { name: "ana  rivera" })).toBe(false);
    expect(needsPeopleMerge({ name: "" }, { name: "Ana Rivera" })).toBe(false);
    expect(needsPeopleMerge({ name: "Ana Rivera" }, { name: "Ben Chen" })).toBe(true);
    expect(needsPeopleMerge({ name: "Ana Rivera; Ben Chen" }, { title: "X" })).toBe(true);
    expect(needsPeopleMerge({ name: "Ana Rivera; Ben Chen" }, { phone: "1" } as never)).toBe(false);
  });
});
