import { initializeOrder } from "@pizza-orders/core/workflow/orderTasks";
import { orders } from "./taskDependencies";
import { workflowTask } from "./workflowTask";

export const handler = workflowTask((state) => initializeOrder({ orders }, state));
