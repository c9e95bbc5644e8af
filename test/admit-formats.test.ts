// The scenario files `cutcheck admit` will read (the Go Chandy-Lamport assignment's topology, events and snapshot
// files, and their JSON forms): what each form means, that both forms of a scenario give the same value, and the
// one-line CC013 refusal for every kind of malformed file.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_TOKENS, parseEvents, parseSnapshot, parseTopology, type RecordedSnapshot, type ScenarioEvent, type ScenarioTopology,
} from '../src/admit/formats.ts';
import type { Result } from '../src/errors.ts';

const value = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The message of a refusal, after checking it is a CC013 error on one line. */
function refusal(r: Result<unknown>): string {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  expect(r.error.code).toBe('CC013');
  expect(r.error.message).not.toMatch(/[\n\r\u2028\u2029]/);
  expect(r.error.message.length).toBeLessThanOrEqual(400);
  return r.error.message;
}

const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

const TWO = value(parseTopology(lines('2', 'N1 10', 'N2 4', 'N1 N2', 'N2 N1'), 'two.txt'));
/** N1 → N2 → N3 → N1 and a chord N1 → N3; N3 has one outgoing link, N2 one. */
const THREE = value(parseTopology(lines('3', 'N1 20', 'N2 15', 'N3 5', 'N1 N2', 'N2 N3', 'N3 N1', 'N1 N3'), 'three.txt'));
/** N2 has no outgoing link. */
const ONE_WAY = value(parseTopology(lines('2', 'N1 1', 'N2 1', 'N1 N2'), 'one-way.txt'));

describe('a topology file', () => {
  it('gives its servers with their tokens and its links in file order', () => {
    expect(THREE).toEqual({
      servers: [{ id: 'N1', tokens: 20 }, { id: 'N2', tokens: 15 }, { id: 'N3', tokens: 5 }],
      links: [{ src: 'N1', dst: 'N2' }, { src: 'N2', dst: 'N3' }, { src: 'N3', dst: 'N1' }, { src: 'N1', dst: 'N3' }],
    });
  });

  it('gives the same value in its JSON form', () => {
    const json = '{ "servers": [{ "id": "N1", "tokens": 20 }, { "id": "N2", "tokens": 15 }, { "id": "N3", "tokens": 5 }], "links": [["N1", "N2"], ["N2", "N3"], ["N3", "N1"], ["N1", "N3"]] }';
    expect(value(parseTopology(json, 'three.json'))).toEqual(THREE);
  });

  it('skips comments and empty lines, ignores surrounding whitespace and takes runs of spaces and tabs between fields', () => {
    const text = lines('# two servers', '', '   2  ', '# the servers', 'N1 \t 10', '', '\tN2 4 ', '# the links', 'N1    N2', 'N2\tN1', '', '');
    expect(value(parseTopology(text, 'two.txt'))).toEqual(TWO);
  });

  it('reads a file with a BOM and CRLF line endings, in either form', () => {
    expect(value(parseTopology('\uFEFF2\r\nN1 10\r\nN2 4\r\nN1 N2\r\nN2 N1\r\n', 'two.txt'))).toEqual(TWO);
    expect(value(parseTopology('\uFEFF{"servers":[{"id":"N1","tokens":10},{"id":"N2","tokens":4}],\r\n"links":[["N1","N2"],["N2","N1"]]}', 'two.json'))).toEqual(TWO);
  });

  it('drops a link from a server to itself, in either form', () => {
    expect(value(parseTopology(lines('2', 'N1 10', 'N2 4', 'N1 N1', 'N1 N2', 'N2 N2', 'N2 N1', 'N1 N1'), 'two.txt'))).toEqual(TWO);
    expect(value(parseTopology('{"servers":[{"id":"N1","tokens":10},{"id":"N2","tokens":4}],"links":[["N1","N1"],["N1","N2"],["N2","N1"]]}', 'two.json'))).toEqual(TWO);
  });

  it('takes free-form ids without whitespace, one server with no link, and 64 servers', () => {
    expect(value(parseTopology(lines('2', 'alpha-1 0', 'β(2) 7', 'alpha-1 β(2)'), 't.txt')).servers.map((s) => s.id)).toEqual(['alpha-1', 'β(2)']);
    expect(value(parseTopology(lines('1', 'solo 3'), 't.txt'))).toEqual({ servers: [{ id: 'solo', tokens: 3 }], links: [] });
    const many = Array.from({ length: 64 }, (_, i) => `S${i} 1`);
    expect(value(parseTopology(lines('64', ...many), 't.txt')).servers).toHaveLength(64);
  });

  it('takes token counts from 0 to 1,000,000,000, leading zeros included', () => {
    expect(value(parseTopology(lines('2', 'N1 0', 'N2 1000000000'), 't.txt')).servers.map((s) => s.tokens)).toEqual([0, MAX_TOKENS]);
    expect(value(parseTopology(lines('1', 'N1 007'), 't.txt')).servers[0]?.tokens).toBe(7);
  });
});

describe('a topology file is refused, on one line naming the file, the line and what was expected', () => {
  const refuse = (text: string, file = 't.txt'): string => refusal(parseTopology(text, file));

  it('when it has no server count', () => {
    expect(refuse(lines('# nothing but a comment', ''))).toBe('t.txt: expected the number of servers (a whole number from 1 to 64), but the file has no line that is not empty or a comment');
    expect(refuse('')).toMatch(/^t\.txt: expected the number of servers/);
  });

  it.each([['0'], ['65'], ['two'], ['2 servers'], ['-1'], ['1e1']])('when the server count is %s', (count) => {
    expect(refuse(lines('# header', count, 'N1 1'))).toBe(`t.txt:2: expected the number of servers, a whole number from 1 to 64, got '${count}'`);
  });

  it('when a server line has the wrong number of fields', () => {
    expect(refuse(lines('2', 'N1 5 extra', 'N2 1'))).toBe("t.txt:2: expected server 1 of 2 as 'ID TOKENS', TOKENS a whole number from 0 to 1000000000, got 'N1 5 extra' (line 1 says there are 2 servers)");
    expect(refuse(lines('2', 'N1', 'N2 1'))).toMatch(/^t\.txt:2: expected server 1 of 2 as 'ID TOKENS'.*got 'N1'/);
  });

  it.each([['-1'], ['1e3'], ['3.5'], ['0x10'], ['+3'], ['1000000001'], ['99999999999999999999'], ['ten']])('when a server has %s tokens', (tokens) => {
    expect(refuse(lines('1', `N1 ${tokens}`))).toBe(`t.txt:2: expected server 1 of 1 as 'ID TOKENS', TOKENS a whole number from 0 to 1000000000, got 'N1 ${tokens}' (line 1 says there is 1 server)`);
  });

  it('when fewer server lines follow than the count says', () => {
    expect(refuse(lines('3', 'N1 1', 'N2 2'))).toBe('t.txt:1: the count says 3 servers, but only 2 server lines follow');
    expect(refuse(lines('2', 'N1 1'))).toBe('t.txt:1: the count says 2 servers, but only 1 server line follows');
    // A link line then stands where a server was expected, and is named as such.
    expect(refuse(lines('3', 'N1 1', 'N2 2', 'N1 N2'))).toBe("t.txt:4: expected server 3 of 3 as 'ID TOKENS', TOKENS a whole number from 0 to 1000000000, got 'N1 N2' (line 1 says there are 3 servers)");
  });

  it('when a server id is listed twice', () => {
    expect(refuse(lines('2', 'N1 1', 'N1 2'))).toBe('t.txt:3: server N1 is listed twice (first on line 2)');
  });

  it('when a link names a server the topology does not have', () => {
    expect(refuse(lines('2', 'N1 1', 'N2 2', 'N1 N9'))).toBe('t.txt:4: server N9 is not in the topology (servers: N1, N2)');
    expect(refuse(lines('2', 'N1 1', 'N2 2', 'N9 N9'))).toBe('t.txt:4: server N9 is not in the topology (servers: N1, N2)');
    // A long list of servers is cut short, so the line stays short.
    const many = Array.from({ length: 64 }, (_, i) => `S${i} 1`);
    expect(refuse(lines('64', ...many, 'S1 N9'))).toBe('t.txt:66: server N9 is not in the topology (servers: S0, S1, S2, S3, S4, S5, … (64 in all))');
  });

  it('when a link is listed twice', () => {
    expect(refuse(lines('2', 'N1 1', 'N2 2', 'N1 N2', 'N2 N1', 'N1 N2'))).toBe('t.txt:6: link N1→N2 is listed twice (first on line 4)');
  });

  it('when a link line has the wrong number of fields', () => {
    expect(refuse(lines('2', 'N1 1', 'N2 2', 'N1 N2 N3'))).toBe("t.txt:4: expected a link 'SRC DST', got 'N1 N2 N3'");
    expect(refuse(lines('2', 'N1 1', 'N2 2', 'N1'))).toBe("t.txt:4: expected a link 'SRC DST', got 'N1'");
  });

  it('when a server id holds a control character or is absurdly long', () => {
    expect(refuse(lines('1', 'N\u00001 1'))).toBe("t.txt:2: server id 'N\\x001' contains a control character");
    expect(refuse(lines('1', `${'x'.repeat(101)} 1`))).toMatch(/^t\.txt:2: server id 'x+…x+' is 101 characters long \(at most 100\)$/);
  });

  it('reporting the first problem in the file, whichever kind it is', () => {
    expect(refuse(lines('2', 'N1 1', 'N1 2', 'N1 N9', 'bad link line'))).toBe('t.txt:3: server N1 is listed twice (first on line 2)');
    expect(refuse(lines('2', 'N1 1', 'N2 2', 'N1 N9', 'bad link line'))).toBe('t.txt:4: server N9 is not in the topology (servers: N1, N2)');
  });
});

describe('a JSON topology file is refused with the file and the path of the bad value', () => {
  const refuse = (text: string): string => refusal(parseTopology(text, 't.json'));
  const servers = '[{"id":"N1","tokens":1},{"id":"N2","tokens":2}]';

  it('when it is not JSON', () => {
    expect(refuse('{ "servers": [')).toMatch(/^t\.json: not valid JSON \(.+\)$/);
  });

  it('when it is not an object with exactly the keys servers and links', () => {
    expect(refuse('[]')).toBe('t.json: expected a topology { "servers": [{ "id": ID, "tokens": N }, …], "links": [[SRC, DST], …] }, got a list of 0 items');
    expect(refuse(`{"servers":${servers},"link":[]}`)).toBe('t.json: unknown key "link"; did you mean "links"? (a topology is { "servers": [{ "id": ID, "tokens": N }, …], "links": [[SRC, DST], …] })');
    expect(refuse(`{"servers":${servers}}`)).toMatch(/^t\.json: missing key "links" \(a topology is/);
  });

  it('when servers is not a list of 1 to 64 servers', () => {
    expect(refuse('{"servers":{},"links":[]}')).toBe('t.json: servers: expected a list of { "id": ID, "tokens": N }, got an object');
    expect(refuse('{"servers":[],"links":[]}')).toBe('t.json: servers: expected from 1 to 64 servers, got 0');
    expect(refuse(`{"servers":[${Array.from({ length: 65 }, (_, i) => `{"id":"S${i}","tokens":1}`).join(',')}],"links":[]}`)).toBe('t.json: servers: expected from 1 to 64 servers, got 65');
  });

  it('when a server is not { id, tokens } with a string id and a whole number of tokens', () => {
    expect(refuse('{"servers":[{"id":"N1","tokens":1}, 7],"links":[]}')).toBe('t.json: servers[1]: expected a server { "id": ID, "tokens": N }, got 7');
    expect(refuse('{"servers":[{"id":"N1","tokens":1,"token":2}],"links":[]}')).toBe('t.json: servers[0]: unknown key "token"; did you mean "tokens"?');
    expect(refuse('{"servers":[{"id":1,"tokens":1}],"links":[]}')).toBe('t.json: servers[0].id: expected a server id (a string), got 1');
    expect(refuse('{"servers":[{"id":"N1","tokens":-1}],"links":[]}')).toBe('t.json: servers[0].tokens: expected a whole number from 0 to 1000000000, got -1');
    expect(refuse('{"servers":[{"id":"N1","tokens":"3"}],"links":[]}')).toBe('t.json: servers[0].tokens: expected a whole number from 0 to 1000000000, got "3"');
    expect(refuse('{"servers":[{"id":"N1","tokens":2.5}],"links":[]}')).toMatch(/got 2\.5$/);
  });

  it('when a server id could not be written in the text form', () => {
    expect(refuse('{"servers":[{"id":"N 1","tokens":1}],"links":[]}')).toBe("t.json: servers[0]: server id 'N 1' contains whitespace");
    expect(refuse('{"servers":[{"id":"#1","tokens":1}],"links":[]}')).toBe("t.json: servers[0]: server id '#1' starts with '#', which makes its line a comment in the text form");
    expect(refuse('{"servers":[{"id":"","tokens":1}],"links":[]}')).toBe("t.json: servers[0]: server id '' is empty");
    expect(refuse('{"servers":[{"id":"[1]","tokens":1}],"links":[]}')).toBe("t.json: servers[0]: server id '[1]' starts with '[', which makes a text file starting with it read as JSON");
    expect(refusal(parseTopology(lines('1', '{a} 1'), 't.txt'))).toBe("t.txt:2: server id '{a}' starts with '{', which makes a text file starting with it read as JSON");
  });

  it('when a server or a link is listed twice, or a link names an unknown server', () => {
    expect(refuse('{"servers":[{"id":"N1","tokens":1},{"id":"N1","tokens":2}],"links":[]}')).toBe('t.json: servers[1]: server N1 is listed twice (first at servers[0])');
    expect(refuse(`{"servers":${servers},"links":[["N1","N2"],["N1","N2"]]}`)).toBe('t.json: links[1]: link N1→N2 is listed twice (first at links[0])');
    expect(refuse(`{"servers":${servers},"links":[["N1","N9"]]}`)).toBe('t.json: links[0]: server N9 is not in the topology (servers: N1, N2)');
  });

  it('when a link is not a pair of server ids', () => {
    expect(refuse(`{"servers":${servers},"links":[["N1","N2","N1"]]}`)).toBe('t.json: links[0]: expected a link [SRC, DST], two server ids, got a list of 3 items');
    expect(refuse(`{"servers":${servers},"links":[["N1",2]]}`)).toBe('t.json: links[0]: expected a link [SRC, DST], two server ids, got ["N1", 2]');
    expect(refuse(`{"servers":${servers},"links":{"N1":"N2"}}`)).toBe('t.json: links: expected a list of [SRC, DST] pairs, got an object');
  });
});

describe('an events file', () => {
  const SCRIPT = lines('# warm up', 'send N1 N2 3', '', 'snapshot N1', 'tick', 'send N2 N3 1', 'snapshot N3', 'tick 5', 'snapshot N1');
  const EVENTS: readonly ScenarioEvent[] = [
    { kind: 'send', src: 'N1', dst: 'N2', tokens: 3, line: 2 },
    { kind: 'snapshot', server: 'N1', id: 0, line: 4 },
    { kind: 'tick', ticks: 1, line: 5 },
    { kind: 'send', src: 'N2', dst: 'N3', tokens: 1, line: 6 },
    { kind: 'snapshot', server: 'N3', id: 1, line: 7 },
    { kind: 'tick', ticks: 5, line: 8 },
    { kind: 'snapshot', server: 'N1', id: 2, line: 9 },
  ];
  const JSON_EVENTS = '[{"send":["N1","N2",3]},{"snapshot":"N1"},{"tick":1},{"send":["N2","N3",1]},{"snapshot":"N3"},{"tick":5},{"snapshot":"N1"}]';

  it('gives its events in order, each with its line, snapshots numbered 0, 1, 2 … in the order of their lines', () => {
    expect(value(parseEvents(SCRIPT, 'e.txt', THREE))).toEqual(EVENTS);
  });

  it('gives the same events in its JSON form, bare or under "events", each line the 1-based position in the list', () => {
    const positions = EVENTS.map((e, i) => ({ ...e, line: i + 1 }));
    expect(value(parseEvents(JSON_EVENTS, 'e.json', THREE))).toEqual(positions);
    expect(value(parseEvents(`{ "events": ${JSON_EVENTS} }`, 'e.json', THREE))).toEqual(positions);
  });

  it('reads a file with a BOM and CRLF line endings, line numbers unchanged', () => {
    expect(value(parseEvents(`\uFEFF${SCRIPT.replace(/\n/g, '\r\n')}`, 'e.txt', THREE))).toEqual(EVENTS);
  });

  it('may be empty', () => {
    expect(value(parseEvents('# nothing happens\n', 'e.txt', THREE))).toEqual([]);
    expect(value(parseEvents('[]', 'e.json', THREE))).toEqual([]);
  });
});

describe('an events file is refused, on one line naming the file, the line and what was expected', () => {
  const refuse = (text: string, topology: ScenarioTopology = THREE): string => refusal(parseEvents(text, 'events.txt', topology));

  it('when a command is unknown', () => {
    expect(refuse(lines('# a script', 'send N1 N2 1', 'tick', 'sned N1 N2 3'))).toBe("events.txt:4: expected 'send SRC DST N', 'snapshot SERVER' or 'tick [K]', got 'sned N1 N2 3'");
    expect(refuse(lines('SEND N1 N2 3'))).toMatch(/^events\.txt:1: expected 'send SRC DST N', 'snapshot SERVER' or 'tick \[K\]', got 'SEND N1 N2 3'$/);
  });

  it('when a command has the wrong number of fields', () => {
    expect(refuse(lines('send N1 N2'))).toBe("events.txt:1: expected 'send SRC DST N', got 'send N1 N2'");
    expect(refuse(lines('send N1 N2 3 4 5 6'))).toBe("events.txt:1: expected 'send SRC DST N', got 'send N1 N2 3 4 5 6'");
    expect(refuse(lines('snapshot'))).toBe("events.txt:1: expected 'snapshot SERVER', got 'snapshot'");
    expect(refuse(lines('snapshot N1 N2'))).toBe("events.txt:1: expected 'snapshot SERVER', got 'snapshot N1 N2'");
    expect(refuse(lines('tick 1 2'))).toBe("events.txt:1: expected 'tick' or 'tick K', got 'tick 1 2'");
  });

  it.each([['0'], ['-1'], ['1e3'], ['3.5'], ['0x10'], ['+3'], ['1000000001'], ['three']])('when a send carries %s tokens', (n) => {
    expect(refuse(lines(`send N1 N2 ${n}`))).toBe(`events.txt:1: the token count must be a whole number from 1 to 1000000000, got '${n}'`);
  });

  it.each([['0'], ['-1'], ['1e3'], ['2.5'], ['+1'], ['1000000001']])('when a tick is tick %s', (k) => {
    expect(refuse(lines(`tick ${k}`))).toBe(`events.txt:1: K must be a whole number from 1 to 1000000000, got '${k}'`);
  });

  it('when an event names a server the topology does not have', () => {
    expect(refuse(lines('send N9 N2 1'))).toBe('events.txt:1: server N9 is not in the topology (servers: N1, N2, N3)');
    expect(refuse(lines('send N1 N9 1'))).toBe('events.txt:1: server N9 is not in the topology (servers: N1, N2, N3)');
    expect(refuse(lines('snapshot N9'))).toBe('events.txt:1: server N9 is not in the topology (servers: N1, N2, N3)');
  });

  it('when a send is on a link the topology does not have', () => {
    expect(refuse(lines('send N2 N1 1'))).toBe('events.txt:1: the topology has no link N2→N1 (links from N2 go to N3)');
    expect(refuse(lines('send N1 N1 1'))).toBe('events.txt:1: the topology has no link N1→N1 (links from N1 go to N2, N3)');
    expect(refuse(lines('send N2 N1 1'), ONE_WAY)).toBe('events.txt:1: the topology has no link N2→N1 (N2 has no outgoing link)');
  });

  it('reporting the first problem in the file', () => {
    expect(refuse(lines('send N2 N1 1', 'sned'))).toBe('events.txt:1: the topology has no link N2→N1 (links from N2 go to N3)');
  });
});

describe('a JSON events file is refused with the file and the path of the bad value', () => {
  const refuse = (text: string): string => refusal(parseEvents(text, 'events.json', THREE));

  it('when it is not JSON, or not a list of events', () => {
    expect(refuse('[{"tick": 1},]')).toMatch(/^events\.json: not valid JSON \(.+\)$/);
    expect(refuse('{"event": []}')).toBe('events.json: unknown key "event"; did you mean "events"? (events are { "events": [EVENT, …] } or [EVENT, …])');
    expect(refuse('{"events": {"tick": 1}}')).toBe('events.json: events: expected a list of events, each one of { "send": [SRC, DST, N] }, { "snapshot": SERVER } or { "tick": K }, got an object');
  });

  it('when an event is not an object with exactly one known key', () => {
    expect(refuse('{"events": [{"tick": 1}, "tick"]}')).toBe('events.json: events[1]: expected one of { "send": [SRC, DST, N] }, { "snapshot": SERVER } or { "tick": K }, got "tick"');
    expect(refuse('[{"sned": ["N1", "N2", 3]}]')).toBe('events.json: [0]: unknown key "sned"; did you mean "send"?');
    expect(refuse('[{"send": ["N1", "N2", 3], "tick": 1}]')).toBe('events.json: [0]: expected exactly one of "send", "snapshot" or "tick", got "send" and "tick"');
    expect(refuse('[{}]')).toBe('events.json: [0]: expected exactly one of "send", "snapshot" or "tick", got an object with no key');
  });

  it('when a send is not [SRC, DST, N]', () => {
    expect(refuse('{"events": [{"tick": 1}, {"tick": 1}, {"tick": 1}, {"send": ["N1", "N2"]}]}')).toBe('events.json: events[3].send: expected [SRC, DST, N], got a list of 2 items');
    expect(refuse('[{"send": [1, "N2", 3]}]')).toBe('events.json: [0].send[0]: expected a server id (a string), got 1');
    expect(refuse('[{"send": ["N1", null, 3]}]')).toBe('events.json: [0].send[1]: expected a server id (a string), got null');
    expect(refuse('[{"send": ["N1", "N2", 0]}]')).toBe('events.json: [0].send[2]: the token count must be a whole number from 1 to 1000000000, got 0');
    expect(refuse('[{"send": ["N1", "N2", "3"]}]')).toMatch(/\[0\]\.send\[2\]: .* got "3"$/);
  });

  it('when a snapshot or a tick has the wrong value', () => {
    expect(refuse('[{"snapshot": ["N1"]}]')).toBe('events.json: [0].snapshot: expected a server id (a string), got a list of 1 item');
    expect(refuse('[{"tick": 1.5}]')).toBe('events.json: [0].tick: K must be a whole number from 1 to 1000000000, got 1.5');
    expect(refuse('[{"tick": null}]')).toBe('events.json: [0].tick: K must be a whole number from 1 to 1000000000, got null');
  });

  it('when an event names an unknown server or link, at the event', () => {
    expect(refuse('{"events": [{"snapshot": "N9"}]}')).toBe('events.json: events[0]: server N9 is not in the topology (servers: N1, N2, N3)');
    expect(refuse('{"events": [{"tick": 2}, {"send": ["N2", "N1", 1]}]}')).toBe('events.json: events[1]: the topology has no link N2→N1 (links from N2 go to N3)');
  });
});

describe('a snapshot file', () => {
  const SNAP: RecordedSnapshot = {
    file: 'snap0.txt',
    id: 0,
    tokens: new Map([['N1', 7], ['N2', 0], ['N3', 5]]),
    messages: [
      { src: 'N1', dst: 'N2', tokens: [3, 1, 2] },
      { src: 'N3', dst: 'N1', tokens: [4] },
    ],
  };

  it('gives its id, each server\'s recorded tokens, and the messages in flight per link in arrival order', () => {
    const text = lines('0', 'N1 7', 'N2 0', 'N3 5', 'N1 N2 token(3)', 'N3 N1 token(4)', 'N1 N2 token(1)', 'N1 N2 token(2)');
    expect(value(parseSnapshot(text, 'snap0.txt', THREE))).toEqual(SNAP);
  });

  it('lists its messages in the topology\'s link order, whatever the order of the lines, and the id line may come anywhere', () => {
    const text = lines('# recorded by the simulator', 'N3 N1 token(4)', 'N3 5', 'N1 N2 token(3)', '', 'N2 0', '0', 'N1 N2 token(1)', 'N1 7', 'N1 N2 token(2)');
    const parsed = value(parseSnapshot(text, 'snap0.txt', THREE));
    expect(parsed).toEqual(SNAP);
    expect([...parsed.tokens.keys()]).toEqual(['N1', 'N2', 'N3']);
  });

  it('gives the same value in its JSON form, where a link with no tokens listed says nothing', () => {
    const json = '{ "id": 0, "tokens": { "N3": 5, "N1": 7, "N2": 0 }, "messages": [{ "src": "N3", "dst": "N1", "tokens": [4] }, { "src": "N2", "dst": "N3", "tokens": [] }, { "src": "N1", "dst": "N2", "tokens": [3, 1, 2] }] }';
    const parsed = value(parseSnapshot(json, 'snap0.txt', THREE));
    expect(parsed).toEqual(SNAP);
    expect([...parsed.tokens.keys()]).toEqual(['N1', 'N2', 'N3']);
  });

  it('reads a file with a BOM and CRLF line endings, and one with nothing in flight', () => {
    expect(value(parseSnapshot('\uFEFF3\r\nN1 10\r\nN2 4\r\n', 's.txt', TWO))).toEqual({ file: 's.txt', id: 3, tokens: new Map([['N1', 10], ['N2', 4]]), messages: [] });
  });
});

describe('a snapshot file is refused, on one line naming the file, the line and what was expected', () => {
  const refuse = (text: string, topology: ScenarioTopology = TWO): string => refusal(parseSnapshot(text, 'snap0.txt', topology));

  it('when it records a server the topology does not have', () => {
    expect(refuse(lines('0', 'N1 5', 'N9 3', 'N2 1'))).toBe('snap0.txt:3: server N9 is not in the topology (servers: N1, N2)');
  });

  it('when it records a server twice', () => {
    expect(refuse(lines('0', 'N1 5', 'N2 1', 'N1 5'))).toBe('snap0.txt:4: server N1 is recorded twice (first on line 2)');
  });

  it('when a server of the topology has no recorded state', () => {
    expect(refuse(lines('0', 'N1 5'))).toBe('snap0.txt: server N2 has no recorded state (every server of the topology needs one)');
    expect(refuse(lines('0', 'N2 5'), THREE)).toBe('snap0.txt: servers N1, N3 have no recorded state (every server of the topology needs one)');
  });

  it('when a message is on a link the topology does not have, or names an unknown server', () => {
    expect(refuse(lines('0', 'N1 5', 'N2 1', 'N3 2', 'N2 N1 token(2)'), THREE)).toBe('snap0.txt:5: the topology has no link N2→N1 (links from N2 go to N3)');
    expect(refuse(lines('0', 'N1 5', 'N2 1', 'N2 N1 token(2)'), ONE_WAY)).toBe('snap0.txt:4: the topology has no link N2→N1 (N2 has no outgoing link)');
    expect(refuse(lines('0', 'N1 5', 'N2 1', 'N1 N9 token(2)'))).toBe('snap0.txt:4: server N9 is not in the topology (servers: N1, N2)');
  });

  it.each([['tok(3)'], ['token(x)'], ['token(0)'], ['token(-1)'], ['token(3'], ['token()'], ['Token(3)'], ['token(1e3)'], ['3']])('when a message is written %s', (m) => {
    expect(refuse(lines('0', 'N1 5', 'N2 1', `N1 N2 ${m}`))).toBe(`snap0.txt:4: expected a message in flight as 'token(N)', N a whole number from 1 to 1000000000 (a message carries what one send sent), got '${m}'`);
  });

  it('when it has no id line, or two', () => {
    expect(refuse(lines('N1 5', 'N2 1'))).toBe('snap0.txt: no snapshot id: expected one line holding just the snapshot id, a whole number');
    expect(refuse(lines('0', 'N1 5', 'N2 1', '1'))).toBe('snap0.txt:4: a second snapshot id (the first is on line 1); a snapshot file records one snapshot');
  });

  it('when the id or a recorded state is not a whole number in range', () => {
    expect(refuse(lines('zero', 'N1 5', 'N2 1'))).toBe("snap0.txt:1: the snapshot id must be a whole number from 0 to 1000000000, got 'zero'");
    expect(refuse(lines('-1', 'N1 5', 'N2 1'))).toMatch(/^snap0\.txt:1: the snapshot id must be .*, got '-1'$/);
    expect(refuse(lines('0', 'N1 5.5', 'N2 1'))).toBe("snap0.txt:2: expected a recorded state 'SERVER TOKENS', TOKENS a whole number from 0 to 1000000000, got 'N1 5.5'");
    expect(refuse(lines('0', 'N1 1e3', 'N2 1'))).toMatch(/^snap0\.txt:2: expected a recorded state .*got 'N1 1e3'$/);
  });

  it('when a line has some other number of fields', () => {
    expect(refuse(lines('0', 'N1 5', 'N2 1', 'N1 N2 token(1) token(2)'))).toBe(
      "snap0.txt:4: expected the snapshot id 'ID', a recorded state 'SERVER TOKENS' or a message in flight 'SRC DST token(N)', got 'N1 N2 token(1) token(2)'",
    );
  });
});

describe('a JSON snapshot file is refused with the file and the path of the bad value', () => {
  const refuse = (text: string): string => refusal(parseSnapshot(text, 'snap0.json', TWO));
  const tokens = '"tokens": {"N1": 5, "N2": 1}';

  it('when it is not JSON, or not an object with exactly id, tokens and messages', () => {
    expect(refuse('{"id": 0,')).toMatch(/^snap0\.json: not valid JSON \(.+\)$/);
    expect(refuse('[0]')).toMatch(/^snap0\.json: expected a snapshot \{ "id": ID, .*, got a list of 1 item$/);
    expect(refuse(`{"id": 0, ${tokens}}`)).toMatch(/^snap0\.json: missing key "messages" \(a snapshot is/);
    expect(refuse(`{"id": 0, ${tokens}, "messages": [], "time": 3}`)).toMatch(/^snap0\.json: unknown key "time"; expected "id", "tokens", "messages" \(a snapshot is/);
  });

  it('when the id, tokens or messages have the wrong shape', () => {
    expect(refuse(`{"id": "0", ${tokens}, "messages": []}`)).toBe('snap0.json: id: the snapshot id must be a whole number from 0 to 1000000000, got "0"');
    expect(refuse('{"id": 0, "tokens": [5, 1], "messages": []}')).toBe('snap0.json: tokens: expected each server\'s recorded tokens, { SERVER: N, … }, got a list of 2 items');
    expect(refuse(`{"id": 0, ${tokens}, "messages": {}}`)).toBe('snap0.json: messages: expected a list of { "src": SRC, "dst": DST, "tokens": [N, …] }, got an object');
    expect(refuse('{"id": 0, "tokens": {"N1": 5, "N2": -2}, "messages": []}')).toBe('snap0.json: tokens.N2: expected a whole number from 0 to 1000000000, got -2');
    expect(refuse('{"id": 0, "tokens": {"N1": 5, "N 2": 1}, "messages": []}')).toBe('snap0.json: tokens["N 2"]: server N 2 is not in the topology (servers: N1, N2)');
  });

  it('when a message entry is not { src, dst, tokens } with whole token counts of at least 1', () => {
    expect(refuse(`{"id": 0, ${tokens}, "messages": [[]]}`)).toBe('snap0.json: messages[0]: expected { "src": SRC, "dst": DST, "tokens": [N, …] }, got a list of 0 items');
    expect(refuse(`{"id": 0, ${tokens}, "messages": [{"src": "N1", "dst": "N2"}]}`)).toBe('snap0.json: messages[0]: missing key "tokens"');
    expect(refuse(`{"id": 0, ${tokens}, "messages": [{"src": "N1", "dst": 2, "tokens": []}]}`)).toBe('snap0.json: messages[0].dst: expected a server id (a string), got 2');
    expect(refuse(`{"id": 0, ${tokens}, "messages": [{"src": "N1", "dst": "N2", "tokens": 3}]}`)).toBe("snap0.json: messages[0].tokens: expected the messages' tokens in arrival order, [N, …], got 3");
    expect(refuse(`{"id": 0, ${tokens}, "messages": [{"src": "N1", "dst": "N2", "tokens": [3, 0]}]}`)).toBe(
      'snap0.json: messages[0].tokens[1]: expected a whole number from 1 to 1000000000 (a message carries what one send sent), got 0',
    );
  });

  it('when a link has two message entries, or names an unknown server or link, or a server is missing', () => {
    expect(refuse(`{"id": 0, ${tokens}, "messages": [{"src": "N1", "dst": "N2", "tokens": [1]}, {"src": "N1", "dst": "N2", "tokens": [2]}]}`)).toBe(
      'snap0.json: messages[1]: link N1→N2 already has an entry at messages[0]; list all its messages there, in arrival order',
    );
    expect(refuse(`{"id": 0, ${tokens}, "messages": [{"src": "N9", "dst": "N2", "tokens": [1]}]}`)).toBe('snap0.json: messages[0]: server N9 is not in the topology (servers: N1, N2)');
    expect(refuse('{"id": 0, "tokens": {"N1": 5}, "messages": []}')).toBe('snap0.json: server N2 has no recorded state (every server of the topology needs one)');
  });
});

describe('hostile input gets the same one-line refusal', () => {
  it('a 10 MB line, quickly, its echo clipped', () => {
    const huge = `send N1 N2 ${'9'.repeat(10_000_000)}`;
    const started = Date.now();
    expect(refusal(parseEvents(huge, 'e.txt', THREE))).toMatch(/^e\.txt:1: the token count must be a whole number from 1 to 1000000000, got '9+…9+'$/);
    expect(refusal(parseEvents(`send ${'x '.repeat(5_000_000)}`, 'e.txt', THREE))).toMatch(/^e\.txt:1: expected 'send SRC DST N', got 'send( x)+ …( x)+'$/);
    expect(refusal(parseTopology(`1\n${'N'.repeat(10_000_000)} 1\n`, 't.txt'))).toMatch(/^t\.txt:2: server id 'N+…N+' is 10000000 characters long \(at most 100\)$/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('NUL bytes, control characters and line separators, escaped', () => {
    expect(refusal(parseEvents('send N1\u0000 N2 3', 'e.txt', THREE))).toBe('e.txt:1: server N1\\x00 is not in the topology (servers: N1, N2, N3)');
    expect(refusal(parseEvents('\u0000\u0001\u001b[2J', 'e.txt', THREE))).toBe("e.txt:1: expected 'send SRC DST N', 'snapshot SERVER' or 'tick [K]', got '\\x00\\x01\\x1b[2J'");
    expect(refusal(parseEvents('[{"snapshot": "N\\u2028\\u0085\\n1"}]', 'e.json', THREE))).toBe('e.json: [0]: server N\\u2028\\u0085\\n1 is not in the topology (servers: N1, N2, N3)');
    expect(refusal(parseTopology('{"servers": [{"id": "a\\u0000b", "tokens": 1}], "links": []}', 't.json'))).toBe("t.json: servers[0]: server id 'a\\x00b' contains a control character");
  });

  it('a file name with a line break in it', () => {
    expect(refusal(parseTopology('', 'evil\nname.txt'))).toMatch(/^evil\\nname\.txt: expected the number of servers/);
  });

  it('deeply nested JSON and a huge JSON list', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(refusal(parseEvents(deep, 'e.json', THREE))).toBe('e.json: [0]: expected one of { "send": [SRC, DST, N] }, { "snapshot": SERVER } or { "tick": K }, got a list of 1 item');
    expect(refusal(parseTopology(`{"servers": ${deep}, "links": []}`, 't.json'))).toBe('t.json: servers[0]: expected a server { "id": ID, "tokens": N }, got a list of 1 item');
    const ticks = `[${Array.from({ length: 200_000 }, () => '{"tick":1}').join(',')},{"tick":0}]`;
    expect(refusal(parseEvents(ticks, 'e.json', THREE))).toBe('e.json: [200000].tick: K must be a whole number from 1 to 1000000000, got 0');
  });

  it('keys that are names of Object.prototype properties', () => {
    expect(refusal(parseTopology('{"servers": [], "links": [], "constructor": 1}', 't.json'))).toMatch(/^t\.json: unknown key "constructor"/);
    expect(refusal(parseEvents('[{"__proto__": 1}]', 'e.json', THREE))).toMatch(/^e\.json: \[0\]: unknown key "__proto__"/);
    expect(refusal(parseSnapshot('{"id": 0, "tokens": {"__proto__": 1, "N1": 1, "N2": 1}, "messages": []}', 's.json', TWO))).toBe(
      's.json: tokens.__proto__: server __proto__ is not in the topology (servers: N1, N2)',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Both forms of a random scenario, printed here independently of the parsers, parse back to the scenario.

/** An event as a scenario is drawn, before it is printed on some line. */
type Unplaced = ScenarioEvent extends infer E ? (E extends unknown ? Omit<E, 'line'> : never) : never;

interface Scenario {
  readonly topology: ScenarioTopology;
  readonly events: readonly Unplaced[];
  readonly snapshot: { readonly id: number; readonly tokens: readonly number[]; readonly inFlight: readonly (readonly number[])[] };
}

/** Ids any printable, whitespace-free string not starting with '#', some of them awkward. */
const ID = fc.tuple(fc.constantFrom('N', 'a', 'Z', '7', 'é', '_', '→', '(', 'ß'), fc.string({ unit: fc.constantFrom('1', 'x', '#', '-', '.', '(', ')', 'é', '→', '"', "'", '\\'), maxLength: 6 })).map(([a, b]) => a + b);
const TOKENS = fc.integer({ min: 0, max: MAX_TOKENS });
const POSITIVE = fc.integer({ min: 1, max: MAX_TOKENS });

const scenario: fc.Arbitrary<Scenario> = fc
  .uniqueArray(ID, { minLength: 1, maxLength: 6 })
  .chain((ids) =>
    fc.record({
      tokens: fc.array(TOKENS, { minLength: ids.length, maxLength: ids.length }),
      links: fc.shuffledSubarray(ids.flatMap((src) => ids.filter((dst) => dst !== src).map((dst) => ({ src, dst })))),
    }).map(({ tokens, links }) => ({ servers: ids.map((id, i) => ({ id, tokens: tokens[i] ?? 0 })), links })),
  )
  .chain((topology) => {
    const server = fc.constantFrom(...topology.servers.map((s) => s.id));
    const event = fc.oneof(
      ...(topology.links.length === 0 ? [] : [fc.tuple(fc.constantFrom(...topology.links), POSITIVE).map(([l, tokens]) => ({ kind: 'send' as const, ...l, tokens }))]),
      server.map((s) => ({ kind: 'snapshot' as const, server: s })),
      fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1_000_000_000 })).map((ticks) => ({ kind: 'tick' as const, ticks })),
    );
    return fc.record({
      topology: fc.constant(topology),
      events: fc.array(event, { maxLength: 12 }).map((es) => {
        let next = 0;
        return es.map((e) => (e.kind === 'snapshot' ? { ...e, id: next++ } : e));
      }),
      snapshot: fc.record({
        id: fc.integer({ min: 0, max: 1_000_000_000 }),
        tokens: fc.array(TOKENS, { minLength: topology.servers.length, maxLength: topology.servers.length }),
        inFlight: fc.array(fc.array(POSITIVE, { maxLength: 3 }), { minLength: topology.links.length, maxLength: topology.links.length }),
      }),
    });
  });

/** How a text file is laid out: separators, line endings, a BOM, comments and blank lines between lines. */
interface Layout {
  readonly sep: string;
  readonly eol: string;
  readonly bom: boolean;
  readonly noise: boolean;
}
const layout: fc.Arbitrary<Layout> = fc.record({ sep: fc.constantFrom(' ', '  ', '\t', ' \t '), eol: fc.constantFrom('\n', '\r\n'), bom: fc.boolean(), noise: fc.boolean() });

/** The text of `rows` as `l` lays them out, and the line each row ends up on. */
function printText(rows: readonly (readonly (string | number)[])[], l: Layout): { text: string; lines: number[] } {
  const out: string[] = [];
  const at: number[] = [];
  rows.forEach((r, i) => {
    if (l.noise && i % 2 === 0) out.push(i % 4 === 0 ? '# a comment' : '   ');
    out.push(`${l.noise ? ' ' : ''}${r.join(l.sep)}`);
    at.push(out.length);
  });
  return { text: `${l.bom ? '\uFEFF' : ''}${out.join(l.eol)}${l.eol}`, lines: at };
}

const topologyRows = (t: ScenarioTopology): (string | number)[][] => [[t.servers.length], ...t.servers.map((s) => [s.id, s.tokens]), ...t.links.map((k) => [k.src, k.dst])];
const eventRow = (e: Unplaced, i: number): (string | number)[] =>
  e.kind === 'send' ? ['send', e.src, e.dst, e.tokens] : e.kind === 'snapshot' ? ['snapshot', e.server] : e.ticks === 1 && i % 2 === 0 ? ['tick'] : ['tick', e.ticks];
const eventJson = (e: Unplaced): unknown => (e.kind === 'send' ? { send: [e.src, e.dst, e.tokens] } : e.kind === 'snapshot' ? { snapshot: e.server } : { tick: e.ticks });

function expectedSnapshot(s: Scenario, file: string): RecordedSnapshot {
  return {
    file,
    id: s.snapshot.id,
    tokens: new Map(s.topology.servers.map((x, i) => [x.id, s.snapshot.tokens[i] ?? 0])),
    messages: s.topology.links.flatMap((l, i) => ((s.snapshot.inFlight[i] ?? []).length === 0 ? [] : [{ ...l, tokens: s.snapshot.inFlight[i] ?? [] }])),
  };
}

describe('a random valid scenario', () => {
  it('printed in the text form and in the JSON form parses back to the same value', () => {
    fc.assert(
      fc.property(scenario, layout, fc.nat(), fc.boolean(), (s, l, where, bare) => {
        const { topology: t, events, snapshot } = s;
        // Self-links are printed in both forms and dropped by both.
        const selfLinks = t.servers.slice(0, 1).map((x) => [x.id, x.id]);
        const topoText = printText([...topologyRows(t), ...selfLinks], l).text;
        const topoJson = JSON.stringify({ servers: t.servers, links: [...t.links.map((k) => [k.src, k.dst]), ...selfLinks] }, null, l.noise ? 2 : undefined);
        expect(value(parseTopology(topoText, 'topology'))).toEqual(t);
        expect(value(parseTopology(topoJson, 'topology'))).toEqual(t);

        const printed = printText(events.map(eventRow), l);
        const fromText = value(parseEvents(printed.text, 'events', t));
        const json = events.map(eventJson);
        const fromJson = value(parseEvents(JSON.stringify(bare ? json : { events: json }), 'events', t));
        expect(fromText).toEqual(events.map((e, i) => ({ ...e, line: printed.lines[i] })));
        expect(fromJson).toEqual(events.map((e, i) => ({ ...e, line: i + 1 })));

        // The id line goes anywhere; message lines keep their order on each link, the links' groups reversed.
        const ordered = [...t.servers.map((x, i) => [x.id, snapshot.tokens[i] ?? 0]), ...[...t.links.keys()].reverse().flatMap((i) => (snapshot.inFlight[i] ?? []).map((n) => [t.links[i]?.src ?? '', t.links[i]?.dst ?? '', `token(${n})`]))];
        ordered.splice(where % (ordered.length + 1), 0, [snapshot.id]);
        const snapText = printText(ordered, l).text;
        const snapJson = JSON.stringify({
          id: snapshot.id,
          tokens: Object.fromEntries(t.servers.map((x, i) => [x.id, snapshot.tokens[i] ?? 0]).reverse()),
          messages: t.links.map((k, i) => ({ src: k.src, dst: k.dst, tokens: snapshot.inFlight[i] ?? [] })),
        });
        expect(value(parseSnapshot(snapText, 'snap', t))).toEqual(expectedSnapshot(s, 'snap'));
        expect(value(parseSnapshot(snapJson, 'snap', t))).toEqual(expectedSnapshot(s, 'snap'));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The scenarios under test/fixtures/admit.

const fixture = (path: string): string => readFileSync(new URL(`fixtures/admit/${path}`, import.meta.url), 'utf8');

/** Every server reaches every other along the links (a search from each). */
function stronglyConnected(t: ScenarioTopology): boolean {
  const reach = (from: string): Set<string> => {
    const seen = new Set([from]);
    for (let frontier = [from]; frontier.length > 0; ) frontier = frontier.flatMap((s) => t.links.filter((l) => l.src === s && !seen.has(l.dst)).map((l) => (seen.add(l.dst), l.dst)));
    return seen;
  };
  return t.servers.every((s) => reach(s.id).size === t.servers.length);
}

/** The first send a server cannot pay for, when every earlier send has been delivered; null when all can be paid. */
function unaffordable(t: ScenarioTopology, events: readonly ScenarioEvent[]): ScenarioEvent | null {
  const balance = new Map(t.servers.map((s) => [s.id, s.tokens]));
  for (const e of events) {
    if (e.kind !== 'send') continue;
    const has = balance.get(e.src) ?? 0;
    if (has < e.tokens) return e;
    balance.set(e.src, has - e.tokens).set(e.dst, (balance.get(e.dst) ?? 0) + e.tokens);
  }
  return null;
}

describe('the fixture scenarios', () => {
  const SCENARIOS = [
    { dir: 'two', events: ['events.txt'], servers: 2, links: 2, snapshots: [1] },
    { dir: 'three', events: ['events.txt'], servers: 3, links: 4, snapshots: [2] },
    { dir: 'eight', events: ['events-2seq.txt', 'events-5overlap.txt'], servers: 8, links: 18, snapshots: [2, 5] },
    { dir: 'ring10', events: ['events.txt'], servers: 10, links: 10, snapshots: [10] },
  ];

  it.each(SCENARIOS)('$dir parses: $servers servers, $links links, strongly connected, every send affordable in order', ({ dir, events, servers, links, snapshots }) => {
    const t = value(parseTopology(fixture(`${dir}/topology.txt`), `${dir}/topology.txt`));
    expect([t.servers.length, t.links.length, stronglyConnected(t)]).toEqual([servers, links, true]);
    events.forEach((file, i) => {
      const es = value(parseEvents(fixture(`${dir}/${file}`), `${dir}/${file}`, t));
      const started = es.filter((e) => e.kind === 'snapshot');
      expect(started.map((e) => e.id)).toEqual(Array.from({ length: snapshots[i] ?? 0 }, (_, k) => k));
      expect(unaffordable(t, es)).toBeNull();
    });
  });

  it('three starts its two snapshots at different servers, the second one tick after the first', () => {
    const t = value(parseTopology(fixture('three/topology.txt'), 'three/topology.txt'));
    const es = value(parseEvents(fixture('three/events.txt'), 'three/events.txt', t));
    const at = es.flatMap((e, i) => (e.kind === 'snapshot' ? [{ server: e.server, i }] : []));
    expect(at.map((s) => s.server)).toEqual(['N1', 'N3']);
    expect(es.slice(at[0]?.i, at[1]?.i).filter((e) => e.kind === 'tick')).toHaveLength(1);
  });

  it('eight/events-5overlap starts five snapshots at five servers within a few events of each other', () => {
    const t = value(parseTopology(fixture('eight/topology.txt'), 'eight/topology.txt'));
    const es = value(parseEvents(fixture('eight/events-5overlap.txt'), 'eight/events-5overlap.txt', t));
    const at = es.flatMap((e, i) => (e.kind === 'snapshot' ? [{ server: e.server, i }] : []));
    expect(new Set(at.map((s) => s.server)).size).toBe(5);
    expect(es.slice(at[0]?.i, at[4]?.i).some((e) => e.kind === 'tick')).toBe(false);
  });

  it('ring10 is the one-way ring N1 → … → N10 → N1, with 100 sends along it and 10 snapshots spread through them', () => {
    const t = value(parseTopology(fixture('ring10/topology.txt'), 'ring10/topology.txt'));
    expect(t.links).toEqual(Array.from({ length: 10 }, (_, i) => ({ src: `N${i + 1}`, dst: `N${((i + 1) % 10) + 1}` })));
    const es = value(parseEvents(fixture('ring10/events.txt'), 'ring10/events.txt', t));
    expect(es.filter((e) => e.kind === 'send')).toHaveLength(100);
    const sendsBefore = es.flatMap((e, i) => (e.kind === 'snapshot' ? [es.slice(0, i).filter((x) => x.kind === 'send').length] : []));
    expect(sendsBefore).toEqual([5, 15, 25, 35, 45, 55, 65, 75, 85, 95]);
    expect(new Set(es.flatMap((e) => (e.kind === 'snapshot' ? [e.server] : []))).size).toBe(10);
  });
});
