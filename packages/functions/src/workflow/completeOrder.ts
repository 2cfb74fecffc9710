import { completeOrder } from "@pizza-orders/core/workflow/orderTasks";
import { notifyingDependencies } from "./taskDependencies";
import { workflowTask } from "./workflowTask";

const deps = notifyingDependencies();

export const handler = workflowTask((state) => completeOrder(deps, state));
