// One process of the raw argon2id verify rate: verifies in a loop for the given milliseconds and
// prints how many it did and the CPU time they took (the process's own user + system time). Started once per core by bench/login.ts.
import { hash, verify } from "@node-rs/argon2";

const ms = Number(process.argv[2] ?? 5000);
const h = await hash("Bench-Password-1!", { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
const cpu = process.cpuUsage();
const end = Date.now() + ms;
let count = 0;
while (Date.now() < end) {
  await verify(h, "Bench-Password-1!");
  count++;
}
const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ count, ms, cpu_ms: (used.user + used.system) / 1000 }));
