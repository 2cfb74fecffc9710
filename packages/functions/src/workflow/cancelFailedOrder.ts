import { cancelFailedOrder } from "@pizza-orders/core/workflow/orderTasks";
import { notifyingDependencies } from "./taskDependencies";
import { workflowTask } from "./workflowTask";

const deps = notifyingDependencies();

export const handler = workflowTask((state) => cancelFailedOrder(deps, state));
