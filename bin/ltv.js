#!/usr/bin/env node
// The `ltv` command: runs the TypeScript command line through tsx, so no compile step is needed.
import {register} from "tsx/esm/api";

register();
await import("../loaders/cli/main.ts");
